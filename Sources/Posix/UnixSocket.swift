import Glibc

/// A unix stream socket with lines on it (the director service's listener and its
/// connections), and the peer's credentials (SO_PEERCRED). Close-on-exec; the
/// descriptor is closed when the object goes. A connection is used by one thread at a time.
public final class UnixSocket: @unchecked Sendable {
    public let fd: Int32
    /// Bytes read past the last line returned.
    private var pending: [UInt8] = []

    private init(fd: Int32) {
        self.fd = fd
    }

    deinit { close(fd) }

    /// Listens on `path` (replacing a socket left by an earlier run), mode `mode`.
    public static func listen(at path: String, mode: mode_t) throws -> UnixSocket {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw PosixError.failure("socket", path) }
        let listener = UnixSocket(fd: fd)
        // Bound and listening under a temporary name, then renamed into place: a client that
        // sees the socket can connect to it (an earlier run's socket is replaced at once).
        let temporary = path + ".\(getpid()).new"
        unlink(temporary)
        var address = try Self.address(temporary)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0 else { throw PosixError.failure("bind", temporary) }
        defer { unlink(temporary) }
        guard chmod(temporary, mode) == 0 else { throw PosixError.failure("chmod", temporary) }
        guard Glibc.listen(fd, 64) == 0 else { throw PosixError.failure("listen", temporary) }
        guard rename(temporary, path) == 0 else { throw PosixError.failure("rename \(temporary) to", path) }
        return listener
    }

    /// Connects to the socket at `path`.
    public static func connect(to path: String) throws -> UnixSocket {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw PosixError.failure("socket", path) }
        let connection = UnixSocket(fd: fd)
        var address = try Self.address(path)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard connected == 0 else { throw PosixError.failure("connect to", path) }
        return connection
    }

    /// The next connection; nil when interrupted.
    public func accept() throws -> UnixSocket? {
        let client = Glibc.accept(fd, nil, nil)
        guard client >= 0 else {
            if errno == EINTR || errno == ECONNABORTED { return nil }
            throw PosixError.failure("accept", "the service socket")
        }
        _ = fcntl(client, F_SETFD, FD_CLOEXEC)
        return UnixSocket(fd: client)
    }

    /// The connecting process's uid, gid and pid, as the kernel saw them at connect.
    public func peer() throws -> (uid: uid_t, gid: gid_t, pid: pid_t) {
        var credentials = PeerCredentials()
        var length = socklen_t(MemoryLayout<PeerCredentials>.size)
        guard getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &credentials, &length) == 0,
            length == socklen_t(MemoryLayout<PeerCredentials>.size)
        else {
            throw PosixError.failure("SO_PEERCRED on", "the service socket")
        }
        return (credentials.uid, credentials.gid, credentials.pid)
    }

    /// Linux's `struct ucred` (glibc declares it only under _GNU_SOURCE): pid, uid, gid.
    private struct PeerCredentials {
        var pid: pid_t = 0
        var uid: uid_t = 0
        var gid: gid_t = 0
    }

    /// One line (without its newline), at most `limit` bytes; nil at end of stream. Reads
    /// in blocks: bytes after the line wait in `pending` for the next call.
    public func readLine(limit: Int = 1 << 20) throws -> String? {
        var scanned = 0
        while true {
            if let newline = pending[scanned...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: pending[..<newline], as: UTF8.self)
                pending.removeSubrange(...newline)
                return line
            }
            scanned = pending.count
            if pending.count > limit { throw PosixError(
                    .invalid, operation: "read line", path: "the socket", message: "a line is longer than \(limit) bytes") }
            var block = [UInt8](repeating: 0, count: 64 * 1024)
            let n = block.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw PosixError.failure("read from", "the service socket")
            }
            if n == 0 {
                defer { pending.removeAll() }
                return pending.isEmpty ? nil : String(decoding: pending, as: UTF8.self)
            }
            pending.append(contentsOf: block[..<n])
        }
    }

    public func writeLine(_ text: String) throws {
        let bytes = Array((text + "\n").utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n < 0 {
                if errno == EINTR { continue }
                throw PosixError.failure("write to", "the service socket")
            }
            offset += n
        }
    }

    private static func address(_ path: String) throws -> sockaddr_un {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            throw PosixError(.invalid, operation: "bind", path: path, message: "socket path \(path) is too long")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in bytes.enumerated() { raw[index] = byte }
        }
        return address
    }
}
