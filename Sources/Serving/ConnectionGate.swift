import Synchronization

/// Counts the connections admitted and not yet authenticated, per client address.
final class ConnectionGate: Sendable {
    private let limits: ConnectionLimits
    private let state = Mutex(State())

    private struct State {
        var total = 0
        var perAddress: [String: Int] = [:]
        /// Connections closed over a limit since the last `takeRefusals`.
        var refused = 0
    }

    init(_ limits: ConnectionLimits) {
        self.limits = limits
    }

    enum Admission: Equatable {
        case admitted
        /// Over a limit; `first` for the first refusal since the last `takeRefusals`.
        case refused(first: Bool, reason: String)
    }

    /// Admits a connection from `host`, or counts it refused when a limit is reached.
    func admit(_ host: String) -> Admission {
        state.withLock { state in
            let reason: String
            if state.total >= limits.pending {
                reason = "\(limits.pending) connections are not authenticated yet"
            } else if state.perAddress[host, default: 0] >= limits.pendingPerAddress {
                reason = "\(limits.pendingPerAddress) connections from \(host) are not authenticated yet"
            } else {
                state.total += 1
                state.perAddress[host, default: 0] += 1
                return .admitted
            }
            state.refused += 1
            return .refused(first: state.refused == 1, reason: reason)
        }
    }

    /// A connection `admit` let in is authenticated or closed.
    func leave(_ host: String) {
        state.withLock { state in
            state.total -= 1
            let left = state.perAddress[host, default: 1] - 1
            state.perAddress[host] = left > 0 ? left : nil
        }
    }

    /// How many connections were refused since the last call (for one log line, not one each).
    func takeRefusals() -> Int {
        state.withLock { state in
            defer { state.refused = 0 }
            return state.refused
        }
    }

    /// Connections admitted and not yet authenticated.
    var pending: Int { state.withLock { $0.total } }
}
