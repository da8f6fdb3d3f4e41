import COpenSSL
#if canImport(Glibc)
import Glibc
#endif

/// An owned SSL object on a non-blocking socket, and the loop that drives OpenSSL calls,
/// waiting with `poll` whenever OpenSSL needs the socket to become readable or writable.
final class TLSSession {
    private let ssl: OpaquePointer
    let socket: Socket
    /// Set once OpenSSL reported a fatal error: the session must not send close_notify.
    private(set) var isBroken = false

    init(context: TLSContext, socket: Socket) throws {
        ssl = try OpenSSL.check(SSL_new(context.pointer), .tls, "cannot create a TLS session")
        self.socket = socket
        let bio: OpaquePointer
        do {
            bio = try SocketBIO.make(fd: socket.fd)
        } catch {
            SSL_free(ssl)
            throw error
        }
        SSL_set_bio(ssl, bio, bio)  // one reference, owned by the SSL object from here on
        SSL_set_read_ahead(ssl, 1)
        if context.side == .client { SSL_set_connect_state(ssl) } else { SSL_set_accept_state(ssl) }
    }

    deinit { SSL_free(ssl) }

    /// How long one wait may last: until a fixed deadline (handshake) or for a while
    /// after each call (reads and writes: an idle timeout).
    enum Patience {
        case until(Deadline)
        case idle(seconds: Double)

        var deadline: Deadline {
            switch self {
            case .until(let deadline): deadline
            case .idle(let seconds): Deadline(secondsFromNow: seconds)
            }
        }
    }

    /// Runs the handshake; failures are `.handshakeFailed` (or `.timeout`).
    func handshake(_ patience: Patience, _ what: String) throws {
        _ = try drive(what, .handshakeFailed, patience) { SSL_do_handshake($0) }
    }

    /// Reads up to `count` bytes into `buffer`; 0 means the peer sent close_notify.
    func read(into buffer: UnsafeMutableRawBufferPointer, _ patience: Patience, _ what: String) throws -> Int {
        var count = 0
        let open = try drive(what, .tls, patience) { SSL_read_ex($0, buffer.baseAddress, buffer.count, &count) }
        return open ? count : 0
    }

    /// Writes all of `bytes`. OpenSSL cuts them into full-size records itself; after a
    /// wait the call is repeated with the same arguments, as OpenSSL requires.
    func write(_ bytes: UnsafeRawBufferPointer, _ patience: Patience, _ what: String) throws {
        var written = 0
        let open = try drive(what, .tls, patience) { SSL_write_ex($0, bytes.baseAddress, bytes.count, &written) }
        if !open { throw TransportError(.closed, "\(what): the peer closed the connection") }
    }

    /// Sends close_notify without waiting for the peer's; skipped after a fatal error.
    func shutdown(_ patience: Patience) {
        guard !isBroken else { return }
        _ = try? drive("close", .tls, patience) { SSL_shutdown($0) >= 0 ? 1 : -1 }
    }

    /// The peer's leaf certificate, if it presented one.
    func peerCertificate() -> Certificate? {
        SSL_get1_peer_certificate(ssl).map(Certificate.init(owning:))
    }

    /// RFC 8446 §7.5 exporter output for `label`, with no context value.
    func exportKeyingMaterial(label: String, length: Int) throws -> [UInt8] {
        guard (1...4096).contains(length) else {
            throw TransportError(.tls, "cannot export \(length) bytes of keying material for \(label)")
        }
        var output = [UInt8](repeating: 0, count: length)
        let labelBytes = Array(label.utf8)
        OpenSSL.clearErrors()
        let ok = SSL_export_keying_material(ssl, &output, length, label, labelBytes.count, nil, 0, 0) == 1
        try OpenSSL.check(ok, .tls, "cannot export keying material for \(label)")
        return output
    }

    /// Calls `operation` (which returns 1 on success) until it succeeds; returns false
    /// if the peer closed cleanly (close_notify). Errors carry `code` and name `what`.
    private func drive(
        _ what: String, _ code: TransportError.Code, _ patience: Patience, _ operation: (OpaquePointer) -> Int32
    ) throws -> Bool {
        while true {
            OpenSSL.clearErrors()
            let result = operation(ssl)
            if result == 1 { return true }
            switch SSL_get_error(ssl, result) {
            case SSL_ERROR_WANT_READ:
                try socket.wait(.readable, until: patience.deadline, what)
            case SSL_ERROR_WANT_WRITE:
                try socket.wait(.writable, until: patience.deadline, what)
            case SSL_ERROR_ZERO_RETURN:
                return false
            case SSL_ERROR_SYSCALL:
                isBroken = true
                throw systemFailure(what, code)
            case SSL_ERROR_SSL where OpenSSL.pendingReason() == SSL_R_PEER_DID_NOT_RETURN_A_CERTIFICATE:
                isBroken = true
                throw OpenSSL.failure(.untrustedPeer, "\(what): the peer presented no certificate")
            case SSL_ERROR_SSL where OpenSSL.pendingReason() == SSL_R_UNEXPECTED_EOF_WHILE_READING:
                isBroken = true
                OpenSSL.clearErrors()
                throw TransportError(.closed, "\(what): the peer closed the connection without close_notify")
            default:
                isBroken = true
                throw OpenSSL.failure(code, what)
            }
        }
    }

    private func systemFailure(_ what: String, _ code: TransportError.Code) -> TransportError {
        OpenSSL.clearErrors()
        let error = SocketBIO.lastErrno(SSL_get_rbio(ssl))
        switch error {
        case 0:
            return TransportError(.closed, "\(what): the peer closed the connection")
        case EPIPE, ECONNRESET:
            return SystemError.failure(.closed, what, errno: error)
        default:
            return SystemError.failure(code == .tls ? .io : code, what, errno: error)
        }
    }
}
