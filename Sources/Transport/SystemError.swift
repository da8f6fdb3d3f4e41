import Glibc
import Posix

/// Where libc's errno and the POSIX layer's errors become `TransportError`s.
enum SystemError {
    /// `code` with `context` and the text of `number` (the current errno by default).
    static func failure(_ code: TransportError.Code, _ context: String, errno number: Int32 = errno) -> TransportError {
        TransportError(code, "\(context): \(text(number))")
    }

    /// strerror's text for `number` (the POSIX layer's).
    static func text(_ number: Int32) -> String {
        PosixError.text(number)
    }

    /// `body`, with a `PosixError` it throws thrown as `.io`: "cannot OPERATION PATH: why".
    static func translating<Result>(_ body: () throws -> Result) throws -> Result {
        do {
            return try body()
        } catch let error as PosixError {
            throw TransportError(.io, error.code == .failed ? "cannot " + error.message : error.message)
        }
    }
}
