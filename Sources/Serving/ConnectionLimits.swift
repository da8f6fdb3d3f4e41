/// How many connections may be between accept and authentication at once: each costs a
/// thread (and its TLS state) until its handshake finishes or times out, so without a bound
/// a flood of idle connections costs a thread each. Over a bound, a new connection is closed
/// at once, before any TLS byte. The bound per client address keeps one flooding host from
/// shutting a director on another address out.
public struct ConnectionLimits: Sendable, Equatable {
    /// Connections not yet authenticated, from all clients together.
    public var pending: Int
    /// Connections not yet authenticated, from one client address.
    public var pendingPerAddress: Int
    /// Seconds a client has to finish the TLS handshake.
    public var handshakeSeconds: Double

    public init(pending: Int = 64, pendingPerAddress: Int = 16, handshakeSeconds: Double = 10) {
        self.pending = pending
        self.pendingPerAddress = pendingPerAddress
        self.handshakeSeconds = handshakeSeconds
    }
}
