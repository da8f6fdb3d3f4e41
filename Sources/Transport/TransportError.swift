/// Why a transport operation failed: a code to act on and a message that names the
/// endpoint, file or certificate involved.
public struct TransportError: Error, CustomStringConvertible, Sendable {
    public enum Code: Sendable, Hashable {
        /// The TCP connection could not be established (refused, unreachable, unknown host).
        case connectFailed
        /// The TLS handshake failed (protocol version, bad signature, peer gave up).
        case handshakeFailed
        /// The peer's certificate is not the pinned one, or the peer presented none.
        case untrustedPeer
        /// A connect, handshake, read or write made no progress in the time allowed.
        case timeout
        /// The connection or listener is closed, or the peer closed it before the expected data.
        case closed
        /// A socket or file operation failed.
        case io
        /// OpenSSL failed after the handshake (a corrupt record, an internal error).
        case tls
        /// A private key is unreadable, invalid, or does not match its certificate.
        case badKey
        /// A certificate is unreadable or invalid.
        case badCertificate
    }

    public let code: Code
    public let message: String
    /// The fingerprint the peer presented, for `.untrustedPeer`.
    public let peerFingerprint: Fingerprint?

    public init(_ code: Code, _ message: String, peerFingerprint: Fingerprint? = nil) {
        self.code = code
        self.message = message
        self.peerFingerprint = peerFingerprint
    }

    public var description: String { "\(code): \(message)" }
}
