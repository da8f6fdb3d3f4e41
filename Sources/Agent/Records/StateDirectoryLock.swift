import Glibc
import Posix

/// The agent's claim on its state directory: an exclusive `flock` on `<state>/lock`, held for
/// the life of the process (the kernel drops it when the process dies, however it dies).
/// The file holds the holder's PID, so that a second agent can say who it collides with.
///
/// The lock is per open file, not per process: two holders in one process collide too.
public final class StateDirectoryLock {
    static let name = "lock"

    /// The open lock file; closing it (when this object goes away) releases the lock.
    private let file: FileDescriptor
    /// The state directory, for messages.
    public let directory: String

    private init(file: FileDescriptor, directory: String) {
        self.file = file
        self.directory = directory
    }

    /// Takes the lock on `directory` (created 0700 if missing) at once, or throws `.locked`
    /// naming the directory and the PID that holds it.
    public static func acquire(_ directory: String) throws -> StateDirectoryLock {
        try AgentError.translating { try lock(directory) }
    }

    private static func lock(_ directory: String) throws -> StateDirectoryLock {
        let state = try Directory.openCreating(directory, mode: 0o700)
        let file = try state.openLockFile(name)
        let path = state.entryPath(name)
        let locked = try Posix.call("flock", path, tolerating: [EWOULDBLOCK]) { flock(file.raw, LOCK_EX | LOCK_NB) }
        guard locked != nil else {
            let holder = (try? file.readToEnd()).map { String(decoding: $0, as: UTF8.self) }
            let pid = holder.flatMap { Int32($0.split(separator: "\n").first ?? "") }
            throw AgentError(
                .locked,
                "state directory \(directory) is in use by another agent (pid \(pid.map(String.init) ?? "unknown"), "
                    + "holding \(path)); stop it first, or give this agent its own --state directory")
        }
        try file.truncate(to: 0)
        try file.write(Array("\(getpid())\n".utf8), at: 0)
        return StateDirectoryLock(file: file, directory: directory)
    }
}
