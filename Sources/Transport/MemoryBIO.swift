import COpenSSL

/// An OpenSSL memory BIO: how PEM text goes in and out of OpenSSL.
final class MemoryBIO {
    let pointer: OpaquePointer

    /// An empty BIO to write into.
    init() throws {
        pointer = try OpenSSL.check(BIO_new(BIO_s_mem()), .io, "cannot allocate a memory BIO")
    }

    /// A BIO that reads `text`.
    init(reading text: String) throws {
        let bytes = Array(text.utf8)
        pointer = try OpenSSL.check(BIO_new(BIO_s_mem()), .io, "cannot allocate a memory BIO")
        let written = bytes.withUnsafeBytes { BIO_write(pointer, $0.baseAddress, Int32(clamping: $0.count)) }
        try OpenSSL.check(written == bytes.count, .io, "cannot fill a memory BIO")
    }

    deinit { BIO_free(pointer) }

    /// Everything written so far, as text.
    var text: String {
        var data: UnsafeMutablePointer<CChar>?
        let count = confsync_BIO_get_mem_data(pointer, &data)
        guard let data, count > 0 else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: data, count: count), as: UTF8.self)
    }
}
