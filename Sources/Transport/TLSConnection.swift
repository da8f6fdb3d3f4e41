/// A mutually authenticated TLS 1.3 connection whose peer certificate has been checked
/// against the pins (or explicitly left unpinned, see `connectUnpinned`).
///
/// Use it from one thread at a time (`@unchecked Sendable` so that it can be handed to
/// another thread or task). Every read and write waits at most `ioTimeout` seconds for
/// progress. After a failed write, or any error other than a read timeout, the
/// connection is unusable and further calls throw `.closed`.
public final class TLSConnection: @unchecked Sendable {
    private let session: TLSSession
    /// SHA-256 of the peer's certificate.
    public let peerFingerprint: Fingerprint
    /// The common name in the peer's certificate (informational: trust comes from the fingerprint).
    public let peerCommonName: String
    /// Whether the peer's fingerprint matched a pin. When false the caller must
    /// authenticate the peer (e.g. with `KeyProof`) before trusting anything it says.
    public let peerIsPinned: Bool
    /// The peer's address and port: as dialed (client side) or numeric (server side).
    public let remoteAddress: String
    /// How long each read and write waits for progress; a connection kept for later use
    /// takes the timeout of its next user.
    public var ioTimeout: Double
    private var state = State.open

    private enum State {
        case open
        /// An error left OpenSSL or the stream in an unknown state.
        case failed(String)
        case closed
    }

    /// Completes the handshake on `session` before `deadline`, then checks the peer's
    /// certificate: it must be in `pins` unless `allowUnpinned`.
    init(
        handshaking session: TLSSession, remoteAddress: String, pins: Set<Fingerprint>, allowUnpinned: Bool,
        deadline: Deadline, ioTimeout: Double
    ) throws {
        try session.handshake(.until(deadline), "TLS handshake with \(remoteAddress)")
        guard let certificate = session.peerCertificate() else {
            throw TransportError(.untrustedPeer, "\(remoteAddress) presented no certificate")
        }
        let fingerprint = try certificate.fingerprint()
        peerIsPinned = pins.contains(fingerprint)
        guard peerIsPinned || allowUnpinned else {
            let expected = pins.count == 1 ? ", expected \(pins.map(\.description).joined())" : ""
            throw TransportError(
                .untrustedPeer,
                "\(remoteAddress) (CN=\(certificate.commonName)) presented \(fingerprint), "
                    + "which is not pinned\(expected)",
                peerFingerprint: fingerprint)
        }
        self.session = session
        self.remoteAddress = remoteAddress
        self.ioTimeout = ioTimeout
        peerFingerprint = fingerprint
        peerCommonName = certificate.commonName
    }

    deinit { close() }

    /// Connects to `endpoint`, completes the handshake and checks that the server's
    /// certificate has fingerprint `expectedPeer` (else `.untrustedPeer`, closed).
    /// `timeout` bounds the TCP connect and the handshake together.
    public static func connect(
        to endpoint: Endpoint, identity: Identity, expectedPeer: Fingerprint, timeout: Double = 5,
        ioTimeout: Double = 30
    ) throws -> TLSConnection {
        try connect(endpoint, identity, pins: [expectedPeer], allowUnpinned: false, timeout, ioTimeout)
    }

    /// Like `connect`, but accepts any server certificate: `peerIsPinned` is false and the
    /// caller must authenticate the server with `KeyProof` before trusting it, then pin
    /// `peerFingerprint` for next time. This is how a director meets a new node.
    public static func connectUnpinned(
        to endpoint: Endpoint, identity: Identity, timeout: Double = 5, ioTimeout: Double = 30
    ) throws -> TLSConnection {
        try connect(endpoint, identity, pins: [], allowUnpinned: true, timeout, ioTimeout)
    }

    private static func connect(
        _ endpoint: Endpoint, _ identity: Identity, pins: Set<Fingerprint>, allowUnpinned: Bool,
        _ timeout: Double, _ ioTimeout: Double
    ) throws -> TLSConnection {
        let deadline = Deadline(secondsFromNow: timeout)
        let socket = try Socket.connect(to: endpoint, until: deadline)
        let session = try TLSSession(context: identity.clientTLSContext(), socket: socket)
        return try TLSConnection(
            handshaking: session, remoteAddress: endpoint.description, pins: pins, allowUnpinned: allowUnpinned,
            deadline: deadline, ioTimeout: ioTimeout)
    }

    /// Writes all of `bytes` (large writes go out as full-size TLS records).
    public func write(_ bytes: [UInt8]) throws {
        try usable()
        guard !bytes.isEmpty else { return }
        do {
            try bytes.withUnsafeBytes { try session.write($0, .idle(seconds: ioTimeout), "write to \(remoteAddress)") }
        } catch {
            state = .failed("\(error)")
            throw error
        }
    }

    /// Up to `max` bytes (at most 1 MiB per call), as soon as some are available; []
    /// when the peer closed the connection cleanly (close_notify).
    public func read(upTo max: Int) throws -> [UInt8] {
        try usable()
        guard max > 0 else { return [] }
        return try [UInt8](unsafeUninitializedCapacity: min(max, 1 << 20)) { buffer, count in
            count = try fill(UnsafeMutableRawBufferPointer(buffer))
        }
    }

    /// Exactly `count` bytes; `.closed` if the peer closes first. A timeout after part of
    /// the bytes arrived leaves the connection unusable (those bytes are gone).
    public func readExactly(_ count: Int) throws -> [UInt8] {
        try usable()
        guard count > 0 else { return [] }
        return try [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            do {
                while initialized < count {
                    let rest = UnsafeMutableBufferPointer(rebasing: buffer[initialized...])
                    let got = try fill(UnsafeMutableRawBufferPointer(rest))
                    if got == 0 {
                        throw TransportError(
                            .closed,
                            "read from \(remoteAddress): the peer closed after \(initialized) of \(count) bytes")
                    }
                    initialized += got
                }
            } catch {
                if initialized > 0 { state = .failed("\(error)") }
                throw error
            }
        }
    }

    /// RFC 5705/8446 exporter output for `label` (no context): equal on both ends of this
    /// connection and unpredictable elsewhere, so it binds a proof to this session.
    public func exportKeyingMaterial(label: String, length: Int) throws -> [UInt8] {
        try usable()
        return try session.exportKeyingMaterial(label: label, length: length)
    }

    /// Sends close_notify (waiting at most a second for socket space) and closes the socket.
    /// Idempotent.
    public func close() {
        switch state {
        case .closed: return
        case .open: session.shutdown(.idle(seconds: min(ioTimeout, 1)))
        case .failed: break
        }
        session.socket.close()
        state = .closed
    }

    private func fill(_ buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        do {
            return try session.read(into: buffer, .idle(seconds: ioTimeout), "read from \(remoteAddress)")
        } catch let error as TransportError where error.code == .timeout {
            throw error
        } catch {
            state = .failed("\(error)")
            throw error
        }
    }

    private func usable() throws {
        switch state {
        case .open: return
        case .closed: throw TransportError(.closed, "connection to \(remoteAddress) is closed")
        case .failed(let reason):
            throw TransportError(.closed, "connection to \(remoteAddress) is unusable after: \(reason)")
        }
    }
}
