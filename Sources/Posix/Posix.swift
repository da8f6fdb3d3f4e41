import Glibc

/// The one place where a failed system call becomes a `PosixError`.
public enum Posix {
    /// Runs `call` (retrying on EINTR) and returns its result; -1 throws a `PosixError`
    /// naming `operation` and `path` with strerror's text of errno, read at once.
    @discardableResult
    public static func call<Result: BinaryInteger>(_ operation: String, _ path: String, _ call: () -> Result) throws
        -> Result
    {
        while true {
            let result = call()
            if result != -1 { return result }
            let code = errno
            if code != EINTR { throw PosixError.failure(operation, path, errno: code) }
        }
    }

    /// `call`, except that an `errno` in `tolerated` makes it return nil instead of throwing.
    @discardableResult
    public static func call<Result: BinaryInteger>(
        _ operation: String, _ path: String, tolerating tolerated: [Int32], _ call: () -> Result
    ) throws -> Result? {
        while true {
            let result = call()
            if result != -1 { return result }
            let code = errno
            if code == EINTR { continue }
            if tolerated.contains(code) { return nil }
            throw PosixError.failure(operation, path, errno: code)
        }
    }
}
