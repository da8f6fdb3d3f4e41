import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The server side (the agent): accepts TCP connections and authenticates clients by
/// certificate fingerprint.
///
/// `accept` is meant for one thread at a time; `close` may be called from any thread and
/// wakes a pending `accept`, which then throws `.closed`.
public final class TLSListener: @unchecked Sendable {
    private let socket: Socket
    private let context: TLSContext
    private let trusted: Set<Fingerprint>
    private let acceptUnpinned: Bool
    private let handshakeTimeout: Double
    private let ioTimeout: Double
    private let wake: WakePipe
    private let state = Mutex(State())
    /// The bound port (the ephemeral one when bound to port 0).
    public let port: Int

    private struct State {
        var closed = false
        var accepting = false
    }

    /// Listens on `bind` (port 0: an ephemeral port, see `port`). Clients must present a
    /// certificate whose fingerprint is in `trusted`; with `acceptUnpinned`, other
    /// certificates are accepted too, with `peerIsPinned` false, and the caller must
    /// authenticate those clients with `KeyProof`. `handshakeTimeout` bounds each
    /// handshake; `ioTimeout` each wait of the accepted connections.
    public init(
        bind: Endpoint, identity: Identity, trusted: Set<Fingerprint>, acceptUnpinned: Bool = false,
        handshakeTimeout: Double = 5, ioTimeout: Double = 30
    ) throws {
        context = try TLSContext(side: .server, identity: identity)
        socket = try Socket.listen(on: bind)
        wake = try WakePipe()
        port = socket.localPort
        self.trusted = trusted
        self.acceptUnpinned = acceptUnpinned
        self.handshakeTimeout = handshakeTimeout
        self.ioTimeout = ioTimeout
    }

    deinit { close() }

    /// Accepts the next TCP connection and completes the TLS handshake. A client whose
    /// certificate fingerprint is not trusted (or that presents none) is refused with
    /// `.untrustedPeer` and closed before any application byte is read or written.
    /// Errors other than `.closed` concern that one client: call `accept` again.
    public func accept() throws -> TLSConnection {
        try acceptPending().handshake()
    }

    /// Accepts the next TCP connection without the handshake, so that a slow or silent
    /// client can be handshaked on another thread without holding up the next `accept`.
    /// Throws `.closed` once `close` has been called.
    public func acceptPending() throws -> PendingTLSConnection {
        try state.withLock { state in
            guard !state.closed else { throw TransportError(.closed, "listener on port \(port) is closed") }
            state.accepting = true
        }
        while true {
            var fds = [
                pollfd(fd: socket.fd, events: Int16(POLLIN), revents: 0),
                pollfd(fd: wake.readFD, events: Int16(POLLIN), revents: 0),
            ]
            let polled = Result { try Socket.poll(&fds, until: nil) }
            if state.withLock({ $0.closed }) {
                finishAccepting()
                throw TransportError(.closed, "listener on port \(port) is closed")
            }
            do {
                _ = try polled.get()
                if let (client, remote) = try socket.accept() {
                    finishAccepting()
                    return PendingTLSConnection(
                        socket: client, remoteAddress: remote, context: context, trusted: trusted,
                        acceptUnpinned: acceptUnpinned, handshakeTimeout: handshakeTimeout, ioTimeout: ioTimeout)
                }
            } catch {
                finishAccepting()
                throw error
            }
        }
    }

    /// Stops listening; a pending `accept` throws `.closed`. Idempotent, any thread.
    public func close() {
        let closeNow = state.withLock { state in
            defer { state.closed = true }
            return !state.closed && !state.accepting
        }
        if closeNow { socket.close() } else { wake.signal() }
    }

    /// Leaves the accepting state; closes the socket if `close` came meanwhile.
    private func finishAccepting() {
        let closed = state.withLock { state in
            state.accepting = false
            return state.closed
        }
        if closed { socket.close() }
    }
}

/// A TCP connection accepted by `TLSListener.acceptPending`, before its TLS handshake.
/// `@unchecked Sendable`: hand it to one other thread, which calls `handshake` once.
public final class PendingTLSConnection: @unchecked Sendable {
    /// The client's numeric address and port.
    public let remoteAddress: String
    /// The client's numeric address alone: `192.0.2.1`, `2001:db8::1`.
    public var remoteHost: String {
        guard let colon = remoteAddress.lastIndex(of: ":") else { return remoteAddress }
        let host = remoteAddress[..<colon]
        return host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : String(host)
    }
    private let socket: Socket
    private let context: TLSContext
    private let trusted: Set<Fingerprint>
    private let acceptUnpinned: Bool
    private let handshakeTimeout: Double
    private let ioTimeout: Double
    private var started = false

    init(
        socket: Socket, remoteAddress: String, context: TLSContext, trusted: Set<Fingerprint>,
        acceptUnpinned: Bool, handshakeTimeout: Double, ioTimeout: Double
    ) {
        self.socket = socket
        self.remoteAddress = remoteAddress
        self.context = context
        self.trusted = trusted
        self.acceptUnpinned = acceptUnpinned
        self.handshakeTimeout = handshakeTimeout
        self.ioTimeout = ioTimeout
    }

    /// Closes the connection without a handshake (a client over the server's limits).
    public func refuse() {
        guard !started else { return }
        started = true
        socket.close()
    }

    /// Completes the handshake (within the listener's handshake timeout, counted from
    /// this call) and checks the client's certificate against the listener's pins; on
    /// failure the socket is closed. Call it once.
    public func handshake() throws -> TLSConnection {
        guard !started else { throw TransportError(.closed, "handshake with \(remoteAddress) already attempted") }
        started = true
        do {
            let deadline = Deadline(secondsFromNow: handshakeTimeout)
            let session = try TLSSession(context: context, socket: socket)
            return try TLSConnection(
                handshaking: session, remoteAddress: remoteAddress, pins: trusted, allowUnpinned: acceptUnpinned,
                deadline: deadline, ioTimeout: ioTimeout)
        } catch {
            socket.close()
            throw error
        }
    }
}
