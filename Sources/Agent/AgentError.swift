/// An error at the Agent module's boundary.
public struct AgentError: Error, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// Another apply, recover or drift check is running on this engine.
        case busy
        /// A journal or pending actions exist: call `recover()` first.
        case recoveryNeeded
        /// The request itself is malformed (e.g. a deploy id unfit for file names).
        case invalidRequest
        /// A path is not absolute and normalized, leaves the root, crosses a symlink, ...
        case pathRefused
        /// Content does not hash to its blob id.
        case blobMismatch
        /// A put without content whose live file does not have the blob either.
        case missingContent
        /// An owner or group name that does not resolve on this node.
        case unknownAccount
        /// A live file differs from what the change expects.
        case drift
        /// A system call failed.
        case io
        /// A state, journal or outbox file cannot be read.
        case journal
        /// The state directory is held by another agent process.
        case locked
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}
