#if canImport(Glibc)
import Glibc
#endif

/// The one place where libc's errno becomes text and `TransportError`s.
enum SystemError {
    /// `code` with `context` and the text of `number` (the current errno by default).
    static func failure(_ code: TransportError.Code, _ context: String, errno number: Int32 = errno) -> TransportError {
        TransportError(code, "\(context): \(text(number))")
    }

    /// strerror's text for `number`.
    static func text(_ number: Int32) -> String {
        guard let message = strerror(number) else { return "errno \(number)" }
        return String(cString: message)
    }
}
