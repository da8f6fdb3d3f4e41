import Glibc

/// What went wrong in the service or with a request, with context.
public struct ServiceError: Error, CustomStringConvertible, Sendable {
    public enum Code: String, Sendable, Codable {
        /// The request does not parse or names no operation.
        case badRequest
        /// The caller's user is not allowed this operation.
        case forbidden
        /// The operation ran and failed (its message says why).
        case failed
        /// A system call failed.
        case system
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    static func system(_ call: String, _ what: String) -> ServiceError {
        ServiceError(.system, "cannot \(call) \(what): \(String(cString: strerror(errno)))")
    }

    static func protocolError(_ message: String) -> ServiceError {
        ServiceError(.badRequest, message)
    }
}
