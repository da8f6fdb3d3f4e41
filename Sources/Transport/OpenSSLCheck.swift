import COpenSSL

/// The one place where OpenSSL return codes become `TransportError`s.
enum OpenSSL {
    /// Throws `code` with `context` and OpenSSL's queued errors unless `ok`.
    static func check(_ ok: Bool, _ code: TransportError.Code, _ context: @autoclosure () -> String) throws {
        if !ok { throw failure(code, context()) }
    }

    /// Returns `pointer`, or throws `code` with `context` and OpenSSL's queued errors if it is nil.
    static func check<T>(_ pointer: T?, _ code: TransportError.Code, _ context: @autoclosure () -> String) throws -> T {
        guard let pointer else { throw failure(code, context()) }
        return pointer
    }

    /// An error whose message is `context` followed by every error queued on this thread,
    /// oldest first; the queue is left empty.
    static func failure(_ code: TransportError.Code, _ context: String) -> TransportError {
        var reasons: [String] = []
        var buffer = [CChar](repeating: 0, count: 256)
        while true {
            let error = ERR_get_error()
            if error == 0 { break }
            ERR_error_string_n(error, &buffer, buffer.count)
            reasons.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return TransportError(code, reasons.isEmpty ? context : context + ": " + reasons.joined(separator: "; "))
    }

    /// The reason code of the oldest queued error, without removing it (0 if none).
    static func pendingReason() -> Int32 {
        ERR_GET_REASON(ERR_peek_error())
    }

    /// Empties this thread's error queue so that the next failure reports only its own errors.
    static func clearErrors() {
        ERR_clear_error()
    }
}
