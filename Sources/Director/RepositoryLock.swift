import Foundation

/// An exclusive lock on a repository for the length of a commit (flock on
/// `<repo>/confsync/lock`): two commits racing on one repository run one after the other.
/// A writer that does not take the lock (a `git push`) is caught by the ref compare-and-swap.
final class RepositoryLock {
    private let fd: Int32

    init(repository: String, timeoutSeconds: Double = 30) throws {
        let path = repository + "/confsync/lock"
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw PosixFile.errnoError("cannot open lock \(path)") }
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR, Date() < deadline else {
                close(fd)
                throw DirectorError(.locked, "\(path) is held by another confsync process")
            }
            usleep(10_000)
        }
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
