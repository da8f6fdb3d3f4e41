import Glibc

/// A POSIX operation that failed, with what was being done (`operation`) to which `path`
/// and why. `message` is the whole sentence ("open /etc/a: Permission denied"); the
/// modules above map it to their own errors (the agent's `AgentError` codes, the
/// director's `.io`), keeping the message.
public struct PosixError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Code: Sendable {
        /// A system call failed (`errno` says why), or made no progress.
        case failed
        /// A symlink or a non-directory where a directory was to be opened.
        case refused
        /// An argument the call cannot take (a link target that is empty or holds a NUL).
        case invalid
    }

    public var code: Code
    /// What was being done: the call's name ("open", "rename", "fsync", ...).
    public var operation: String
    /// The live path it was done to (for a rename, "FROM -> TO").
    public var path: String
    /// The errno the call failed with; 0 when no call failed.
    public var errno: Int32
    /// The whole message.
    public var message: String

    public init(_ code: Code, operation: String, path: String, errno: Int32 = 0, message: String) {
        self.code = code
        self.operation = operation
        self.path = path
        self.errno = errno
        self.message = message
    }

    /// `operation` on `path` failed with `number` (the current errno by default):
    /// "OPERATION PATH: strerror's text". Read errno at once, before any other call.
    public static func failure(_ operation: String, _ path: String, errno number: Int32 = Glibc.errno) -> PosixError {
        PosixError(.failed, operation: operation, path: path, errno: number, message: "\(operation) \(path): \(text(number))")
    }

    /// strerror's text for `number`: the one place errno becomes words.
    public static func text(_ number: Int32) -> String {
        guard let message = strerror(number) else { return "errno \(number)" }
        return String(cString: message)
    }

    public var description: String { message }
}
