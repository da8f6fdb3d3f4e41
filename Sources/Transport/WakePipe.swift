#if canImport(Glibc)
import Glibc
#endif

/// A pipe that one thread writes to wake another out of `poll`; both ends closed on deinit.
final class WakePipe: @unchecked Sendable {
    /// The end to poll for readability.
    let readFD: Int32
    private let writeFD: Int32

    init() throws {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw SystemError.failure(.io, "pipe") }
        readFD = fds[0]
        writeFD = fds[1]
        for fd in fds {
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        }
    }

    deinit {
        close(readFD)
        close(writeFD)
    }

    /// Makes `readFD` readable (for good: the byte is never drained).
    func signal() {
        var byte: UInt8 = 1
        _ = write(writeFD, &byte, 1)
    }
}
