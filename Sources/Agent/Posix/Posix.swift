import Glibc

/// The one place where a failed system call becomes an `AgentError`.
enum Posix {
    /// Runs `call` (retrying on EINTR) and returns its result; -1 throws `.io` naming
    /// `operation` and `path` with `strerror(errno)`, read at once.
    @discardableResult
    static func call<Result: BinaryInteger>(_ operation: String, _ path: String, _ call: () -> Result) throws -> Result
    {
        guard let result = try self.call(operation, path, tolerating: [], call) else {
            throw AgentError(.io, "\(operation) \(path) failed")
        }
        return result
    }

    /// `call`, except that an `errno` in `tolerated` makes it return nil instead of throwing.
    @discardableResult
    static func call<Result: BinaryInteger>(
        _ operation: String, _ path: String, tolerating tolerated: [Int32], _ call: () -> Result
    ) throws -> Result? {
        while true {
            let result = call()
            if result != -1 { return result }
            let code = errno
            if code == EINTR { continue }
            if tolerated.contains(code) { return nil }
            throw AgentError(.io, "\(operation) \(path): \(message(code))")
        }
    }

    /// The text of an errno value.
    static func message(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
