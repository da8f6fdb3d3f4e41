import Glibc

/// The one place where a failed system call becomes an `AgentError`.
enum Posix {
    /// Runs `call` (retrying on EINTR) and returns its result. A result of -1 throws `.io`
    /// naming `operation` and `path` with `strerror(errno)`, read at once; unless `errno`
    /// is in `tolerated`, in which case it returns nil.
    @discardableResult
    static func call<Result: BinaryInteger>(
        _ operation: String, _ path: String, tolerating tolerated: [Int32] = [],
        _ call: () -> Result
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
