import Foundation

/// How long a command waits for a lock another confsync process holds, and how it says so.
public struct LockWait: Sendable {
    /// The default bound: longer than a commit takes, about as long as a deploy's actions may.
    public static let defaultSeconds: Double = 120

    public var seconds: Double
    /// Called once, when the lock is found held: what is being waited for.
    public var notice: @Sendable (String) -> Void

    public init(seconds: Double = LockWait.defaultSeconds, notice: @escaping @Sendable (String) -> Void = { _ in }) {
        self.seconds = seconds
        self.notice = notice
    }
}

/// An exclusive lock on a repository for the length of an operation (flock on
/// `<repo>/confsync/<name>`): `lock` for commits (commit, revert, rollback, adopt, the
/// repository's settings), `deploy.lock` for deploys. Two such operations run one after the
/// other; the second waits up to `LockWait.seconds`, saying once which process it waits for
/// (the holder writes its PID and purpose into the file). A writer that does not take the lock
/// (a `git push`) is caught by the ref compare-and-swap.
public final class RepositoryLock {
    private let fd: Int32
    /// Whether another process held the lock when this one asked for it.
    public let waited: Bool

    init(repository: String, name: String = "lock", purpose: String = "commit", wait: LockWait = LockWait()) throws {
        let path = repository + "/confsync/" + name
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw DirectorError.system("open lock", path) }
        var waited = false
        let deadline = Date().addingTimeInterval(wait.seconds)
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let failure = errno
            let holder = Self.holder(fd)
            guard failure == EWOULDBLOCK || failure == EINTR, Date() < deadline else {
                close(fd)
                throw DirectorError(
                    .locked,
                    "gave up after \(Self.seconds(wait.seconds)) waiting for \(holder) (it holds \(path)); "
                        + "try again when it is done, or wait longer with --wait SECONDS")
            }
            if !waited {
                wait.notice("waiting for \(holder) to finish (it holds \(path)); up to \(Self.seconds(wait.seconds)), see --wait")
                waited = true
            }
            usleep(20_000)
        }
        self.waited = waited
        let note = Array("pid \(getpid()) \(purpose)\n".utf8)
        if ftruncate(fd, 0) == 0 { _ = note.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) } }
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }

    /// Who holds the lock, as its holder wrote it: "confsync pid N (commit)".
    private static func holder(_ fd: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 128)
        let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        let words = n > 0 ? String(decoding: buffer.prefix(n), as: UTF8.self).split(whereSeparator: \.isWhitespace) : []
        guard words.count >= 2, words[0] == "pid" else { return "another confsync process" }
        return "confsync pid \(words[1])" + (words.count > 2 ? " (\(words[2...].joined(separator: " ")))" : "")
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : String(format: "%.1f s", value)
    }
}

extension DirectorRepository {
    /// The deploy lock: deploys from this repository run one after another.
    public func lockForDeploy(wait: LockWait) throws -> RepositoryLock {
        try RepositoryLock(repository: path, name: "deploy.lock", purpose: "deploy", wait: wait)
    }
}
