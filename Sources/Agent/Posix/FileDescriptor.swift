import Glibc

/// An open file descriptor, closed when the object goes away.
final class FileDescriptor {
    let raw: Int32
    /// The live path, for messages.
    let path: String

    init(raw: Int32, path: String) {
        self.raw = raw
        self.path = path
    }

    deinit {
        close(raw)
    }

    func status() throws -> FileStatus {
        var raw = stat()
        try Posix.call("fstat", path) { fstat(self.raw, &raw) }
        return FileStatus(raw)
    }

    /// Writes all of `bytes` at the current offset.
    func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = try Posix.call("write", path) {
                    Glibc.write(raw, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                }
                guard written > 0 else { throw AgentError(.io, "write \(path): no progress") }
                offset += written
            }
        }
    }

    /// Writes all of `bytes` at `offset`, whatever the current offset.
    func write(_ bytes: [UInt8], at offset: Int) throws {
        try bytes.withUnsafeBytes { buffer in
            var done = 0
            while done < buffer.count {
                let written = try Posix.call("pwrite", path) {
                    pwrite(raw, buffer.baseAddress.map { $0 + done }, buffer.count - done, off_t(offset + done))
                }
                guard written > 0 else { throw AgentError(.io, "pwrite \(path): no progress") }
                done += written
            }
        }
    }

    /// Cuts the file to `length` bytes.
    func truncate(to length: Int) throws {
        try Posix.call("ftruncate", path) { ftruncate(raw, off_t(length)) }
    }

    /// Reads from the current offset to the end; `sizeHint` (the file size) sizes the buffer.
    func readToEnd(sizeHint: Int = 0) throws -> [UInt8] {
        var content = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: max(sizeHint + 1, 4096))
        while true {
            let got = try buffer.withUnsafeMutableBytes { chunk in
                try Posix.call("read", path) { read(raw, chunk.baseAddress, chunk.count) }
            }
            if got == 0 { return content }
            content.append(contentsOf: buffer[0..<got])
        }
    }

    func sync() throws {
        try Posix.call("fsync", path) { fsync(raw) }
    }

    /// fdatasync(2): the content and size, without the timestamps a later read does not need.
    func dataSync() throws {
        try Posix.call("fdatasync", path) { fdatasync(raw) }
    }

    func changeOwner(uid: UInt32, gid: UInt32) throws {
        try Posix.call("fchown", path) { fchown(raw, uid, gid) }
    }

    func changeMode(_ mode: UInt32) throws {
        try Posix.call("fchmod", path) { fchmod(raw, mode) }
    }

    /// Flushes the whole file system holding this file (`syncfs(2)`).
    /// Returns false when the C library has no `syncfs`.
    func syncFileSystem() throws -> Bool {
        guard let syncfs = FileSystemSync.function else { return false }
        try Posix.call("syncfs", path) { syncfs(raw) }
        return true
    }
}

/// `syncfs(2)`, looked up at run time: Swift's Glibc module does not export it.
enum FileSystemSync {
    typealias Function = @convention(c) (Int32) -> Int32

    static let function: Function? = {
        guard let symbol = dlsym(nil, "syncfs") else { return nil }
        return unsafeBitCast(symbol, to: Function.self)
    }()
}
