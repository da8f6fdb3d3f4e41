import Foundation
import Logging
import Transport

/// Serves directors over pinned mutual TLS: accepts connections through a `ConnectionGate`,
/// finishes the handshake, refuses an unpinned certificate with a reason, checks the group
/// key proof (`PeerAuthentication.asAgent`), then hands each message to the sessions of its
/// `ConnectionHandler`s until `bye`. Each connection is served on its own thread.
public final class PeerServer: Sendable {
    public let settings: ServerSettings
    let handlers: [any ConnectionHandler]
    let listener: TLSListener
    let gate: ConnectionGate
    let logger: Logger

    /// Listens on `settings.listen` at once (a port in use fails here, not in `serve`).
    public init(settings: ServerSettings, handlers: [any ConnectionHandler], logger: Logger) throws {
        self.settings = settings
        self.handlers = handlers
        self.logger = logger
        listener = try TLSListener(
            bind: settings.listen, identity: settings.identity, trusted: settings.trusted, acceptUnpinned: true,
            handshakeTimeout: settings.limits.handshakeSeconds, ioTimeout: settings.ioTimeout)
        gate = ConnectionGate(settings.limits)
    }

    /// The port actually bound (useful with port 0).
    public var port: Int { listener.port }

    /// Accepts connections until `stop()`; each is served on its own thread. A connection
    /// over the `ConnectionLimits` is closed at once (one log line per burst).
    public func serve() {
        while true {
            let pending: PendingTLSConnection
            do {
                pending = try listener.acceptPending()
            } catch let error as TransportError where error.code == .closed {
                return
            } catch {
                logger.error("accept failed: \(error)")
                continue
            }
            let host = pending.remoteHost
            if case .refused(let first, let reason) = gate.admit(host) {
                pending.refuse()
                if first { logger.warning("closing new connections (\(pending.remoteAddress) first): \(reason)") }
                continue
            }
            let thread = Thread { [self] in self.handle(pending, admittedAs: host) }
            thread.stackSize = 1 << 20
            thread.start()
        }
    }

    /// Stops accepting; `serve` returns. Connections being served run to their end.
    public func stop() {
        listener.close()
    }
}
