import Glibc
import Posix

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
        ServiceError(.system, "cannot \(call) \(what): \(PosixError.text(errno))")
    }

    /// The POSIX layer's error as the service's: a failed call as `.system` ("cannot CALL
    /// WHAT: why"), anything else (a line too long, a socket path too long) as `.badRequest`.
    init(_ error: PosixError) {
        self.init(error.code == .failed ? .system : .badRequest, error.code == .failed ? "cannot " + error.message : error.message)
    }

    /// `body`, with a `PosixError` it throws thrown as a `ServiceError`.
    static func translating<Result>(_ body: () throws -> Result) throws -> Result {
        do {
            return try body()
        } catch let error as PosixError {
            throw ServiceError(error)
        }
    }
}
