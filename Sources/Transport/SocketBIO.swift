import COpenSSL
#if canImport(Glibc)
import Glibc
#endif

/// An OpenSSL BIO over a socket that sends with `MSG_NOSIGNAL`.
///
/// OpenSSL's own socket BIO writes with write(2), which raises SIGPIPE when the peer has
/// gone; ignoring SIGPIPE instead would change process-wide state behind the caller's
/// back. This BIO turns that case into EPIPE, which surfaces as `.closed`.
enum SocketBIO {
    /// What the callbacks need: the descriptor, and what the last call saw.
    struct State {
        var fd: Int32
        var lastErrno: Int32 = 0
        var sawEOF = false
    }

    /// A new BIO on `fd` (not owned: closing the socket stays with `Socket`). The BIO
    /// itself is owned by whoever frees it; `SSL_set_bio` hands it to the SSL object.
    static func make(fd: Int32) throws -> OpaquePointer {
        let method = try OpenSSL.check(methods.pointer, .tls, "cannot create the socket BIO method")
        let bio = try OpenSSL.check(BIO_new(method), .tls, "cannot create a socket BIO")
        let state = UnsafeMutablePointer<State>.allocate(capacity: 1)
        state.initialize(to: State(fd: fd))
        BIO_set_data(bio, state)
        BIO_set_init(bio, 1)
        return bio
    }

    /// The errno of the last failed send or recv on `bio` (0 after end of file).
    static func lastErrno(_ bio: OpaquePointer?) -> Int32 {
        state(bio)?.pointee.lastErrno ?? 0
    }

    private static func state(_ bio: OpaquePointer?) -> UnsafeMutablePointer<State>? {
        guard let bio else { return nil }
        return BIO_get_data(bio)?.assumingMemoryBound(to: State.self)
    }

    /// The method table, built once for the process and never freed.
    private static let methods = Methods()

    /// `@unchecked Sendable`: the table is filled in `init` and only read afterwards.
    private final class Methods: @unchecked Sendable {
        let pointer: OpaquePointer?

        init() {
            let type = BIO_get_new_index() | BIO_TYPE_SOURCE_SINK
            pointer = BIO_meth_new(type, "confsync socket")
            guard let pointer else { return }
            BIO_meth_set_write_ex(pointer, SocketBIO.write)
            BIO_meth_set_read_ex(pointer, SocketBIO.read)
            BIO_meth_set_ctrl(pointer, SocketBIO.control)
            BIO_meth_set_destroy(pointer, SocketBIO.destroy)
        }
    }

    private typealias WriteCallback =
        @convention(c) (OpaquePointer?, UnsafePointer<CChar>?, Int, UnsafeMutablePointer<Int>?) -> Int32
    private typealias ReadCallback =
        @convention(c) (OpaquePointer?, UnsafeMutablePointer<CChar>?, Int, UnsafeMutablePointer<Int>?) -> Int32

    private static let write: WriteCallback = { bio, buffer, length, written in
        guard let state = SocketBIO.state(bio) else { return 0 }
        confsync_BIO_clear_retry_flags(bio)
        let count = send(state.pointee.fd, buffer, length, Int32(MSG_NOSIGNAL))
        if count >= 0 {
            written?.pointee = count
            return 1
        }
        state.pointee.lastErrno = errno
        if errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR { confsync_BIO_set_retry_write(bio) }
        return 0
    }

    private static let read: ReadCallback = { bio, buffer, length, readCount in
        guard let state = SocketBIO.state(bio) else { return 0 }
        confsync_BIO_clear_retry_flags(bio)
        let count = recv(state.pointee.fd, buffer, length, 0)
        if count > 0 {
            readCount?.pointee = count
            return 1
        }
        if count == 0 {
            state.pointee.lastErrno = 0
            state.pointee.sawEOF = true
            return 0
        }
        state.pointee.lastErrno = errno
        if errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR { confsync_BIO_set_retry_read(bio) }
        return 0
    }

    private static let control: @convention(c) (OpaquePointer?, Int32, Int, UnsafeMutableRawPointer?) -> Int = {
        bio, command, _, _ in
        switch command {
        case BIO_CTRL_FLUSH: 1  // nothing is buffered here
        case BIO_CTRL_EOF: SocketBIO.state(bio)?.pointee.sawEOF == true ? 1 : 0
        default: 0
        }
    }

    private static let destroy: @convention(c) (OpaquePointer?) -> Int32 = { bio in
        guard let bio, let state = SocketBIO.state(bio) else { return 1 }
        state.deinitialize(count: 1)
        state.deallocate()
        BIO_set_data(bio, nil)
        return 1
    }
}
