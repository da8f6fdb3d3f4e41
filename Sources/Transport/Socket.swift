#if canImport(Glibc)
import Glibc
#endif

/// An owned TCP socket descriptor, always close-on-exec and non-blocking; closed by
/// `close()` or on deinit. Waits go through `poll`, so every blocking step has a deadline.
final class Socket {
    /// The descriptor; -1 once closed.
    private(set) var fd: Int32

    private init(owning fd: Int32) {
        self.fd = fd
    }

    deinit { close() }

    /// Closes the descriptor (once).
    func close() {
        if fd >= 0 { _ = Glibc.close(fd) }
        fd = -1
    }

    enum Readiness { case readable, writable }

    /// Waits until the socket is `readiness` (or in error, which the next call reports),
    /// or throws `.timeout` naming `what` once `deadline` passes.
    func wait(_ readiness: Readiness, until deadline: Deadline, _ what: @autoclosure () -> String) throws {
        var fds = [pollfd(fd: fd, events: Int16(readiness == .readable ? POLLIN : POLLOUT), revents: 0)]
        guard try Socket.poll(&fds, until: deadline) else {
            throw TransportError(.timeout, "\(what()): no progress within \(deadline.seconds) s")
        }
    }

    /// Polls `fds`; false when `deadline` passes first (nil waits forever).
    static func poll(_ fds: inout [pollfd], until deadline: Deadline?) throws -> Bool {
        while true {
            let timeout = deadline?.remainingMilliseconds ?? -1
            let ready = Glibc.poll(&fds, nfds_t(fds.count), timeout)
            if ready > 0 { return true }
            if ready == 0 {
                if timeout == 0 { return false }
                continue  // woke up early: the clock decides
            }
            if errno != EINTR { throw SystemError.failure(.io, "poll") }
        }
    }

    /// Disables Nagle's algorithm: requests and replies go out at once.
    func setNoDelay() throws {
        var on: Int32 = 1
        guard setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size)) == 0 else {
            throw SystemError.failure(.io, "setsockopt TCP_NODELAY")
        }
    }

    /// The local port the socket is bound to.
    var localPort: Int {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let ok = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) == 0 }
        }
        return ok ? SocketAddress(storage: storage, length: length).port : 0
    }

    // MARK: Creating sockets

    /// A listening socket on the first address `endpoint` resolves to that accepts a bind,
    /// with SO_REUSEADDR so that a restarted agent gets its port back at once.
    static func listen(on endpoint: Endpoint, backlog: Int32 = 128) throws -> Socket {
        var failures: [String] = []
        for address in try SocketAddress.resolve(endpoint, passive: true) {
            let socket = try open(family: address.family)
            var on: Int32 = 1
            _ = setsockopt(socket.fd, SOL_SOCKET, SO_REUSEADDR, &on, socklen_t(MemoryLayout<Int32>.size))
            let bound = address.withSockaddr { bind(socket.fd, $0, $1) } == 0
            if bound, Glibc.listen(socket.fd, backlog) == 0 { return socket }
            failures.append("\(address): \(SystemError.text(errno))")
        }
        throw TransportError(.io, "cannot listen on \(endpoint): " + failures.joined(separator: "; "))
    }

    /// One address's failure, naming the address only when it is not how `endpoint` was written.
    private static func failure(at address: SocketAddress, of endpoint: Endpoint, _ text: String) -> String {
        address.description == endpoint.description ? text : "\(address): \(text)"
    }

    /// A connected socket to the first address of `endpoint` that answers before `deadline`,
    /// with TCP_NODELAY set.
    static func connect(to endpoint: Endpoint, until deadline: Deadline) throws -> Socket {
        var failures: [String] = []
        for address in try SocketAddress.resolve(endpoint, passive: false) {
            let socket = try open(family: address.family)
            if address.withSockaddr({ Glibc.connect(socket.fd, $0, $1) }) != 0 {
                guard errno == EINPROGRESS || errno == EINTR else {
                    failures.append(Self.failure(at: address, of: endpoint, SystemError.text(errno)))
                    continue
                }
                try socket.wait(.writable, until: deadline, "connect to \(endpoint) (\(address))")
                var error: Int32 = 0
                var length = socklen_t(MemoryLayout<Int32>.size)
                guard getsockopt(socket.fd, SOL_SOCKET, SO_ERROR, &error, &length) == 0, error == 0 else {
                    failures.append(Self.failure(at: address, of: endpoint, SystemError.text(error == 0 ? errno : error)))
                    continue
                }
            }
            try socket.setNoDelay()
            return socket
        }
        throw TransportError(.connectFailed, "cannot connect to \(endpoint): " + failures.joined(separator: "; "))
    }

    /// The next pending connection (non-blocking, close-on-exec, TCP_NODELAY) and its
    /// peer address, or nil if none is pending right now.
    func accept() throws -> (socket: Socket, remote: String)? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let client = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.accept(fd, $0, &length) }
        }
        guard client >= 0 else {
            switch errno {
            case EAGAIN, EWOULDBLOCK, EINTR, ECONNABORTED, EPROTO: return nil
            default: throw SystemError.failure(.io, "accept")
            }
        }
        let socket = Socket(owning: client)
        try socket.configure()
        try socket.setNoDelay()
        return (socket, SocketAddress(storage: storage, length: length).description)
    }

    private static func open(family: Int32) throws -> Socket {
        let fd = socket(family, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw SystemError.failure(.io, "socket") }
        let socket = Socket(owning: fd)
        try socket.configure()
        return socket
    }

    private func configure() throws {
        guard fcntl(fd, F_SETFD, FD_CLOEXEC) == 0 else { throw SystemError.failure(.io, "fcntl FD_CLOEXEC") }
        let flags = fcntl(fd, F_GETFL)
        guard flags >= 0, fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0 else {
            throw SystemError.failure(.io, "fcntl O_NONBLOCK")
        }
    }
}
