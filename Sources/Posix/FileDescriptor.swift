import Glibc

/// An open file descriptor, closed when the object goes away.
public final class FileDescriptor {
    public let raw: Int32
    /// The live path, for messages.
    public let path: String

    /// Owns `raw` (closes it when the object goes away).
    public init(raw: Int32, path: String) {
        self.raw = raw
        self.path = path
    }

    deinit {
        close(raw)
    }

    /// Opens `path` (following symlinks) with `flags` (O_CLOEXEC added) and, when creating,
    /// `mode`.
    public static func open(_ path: String, flags: Int32, mode: UInt32 = 0) throws -> FileDescriptor {
        let fd = try Posix.call("open", path) { Glibc.open(path, flags | O_CLOEXEC, mode) }
        return FileDescriptor(raw: fd, path: path)
    }

    public func status() throws -> FileStatus {
        var raw = stat()
        try Posix.call("fstat", path) { fstat(self.raw, &raw) }
        return FileStatus(raw)
    }

    /// Writes all of `bytes` at the current offset.
    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = try Posix.call("write", path) {
                    Glibc.write(raw, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                }
                guard written > 0 else { throw PosixError(.failed, operation: "write", path: path, message: "write \(path): no progress") }
                offset += written
            }
        }
    }

    /// Writes all of `bytes` at `offset`, whatever the current offset.
    public func write(_ bytes: [UInt8], at offset: Int) throws {
        try bytes.withUnsafeBytes { buffer in
            var done = 0
            while done < buffer.count {
                let written = try Posix.call("pwrite", path) {
                    pwrite(raw, buffer.baseAddress.map { $0 + done }, buffer.count - done, off_t(offset + done))
                }
                guard written > 0 else {
                    throw PosixError(.failed, operation: "pwrite", path: path, message: "pwrite \(path): no progress")
                }
                done += written
            }
        }
    }

    /// Cuts the file to `length` bytes.
    public func truncate(to length: Int) throws {
        try Posix.call("ftruncate", path) { ftruncate(raw, off_t(length)) }
    }

    /// Reads from the current offset to the end, straight into the result: `sizeHint` (the
    /// file's size) makes a file that does not grow one read plus the read that sees its end.
    public func readToEnd(sizeHint: Int = 0) throws -> [UInt8] {
        var capacity = max(sizeHint, 0) + 1
        var content = [UInt8]()
        while true {
            let chunk = try [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
                count = 0
                while count < buffer.count {
                    let got = read(raw, buffer.baseAddress.map { $0 + count }, buffer.count - count)
                    if got < 0 && errno == EINTR { continue }
                    if got < 0 { throw PosixError.failure("read", path) }
                    if got == 0 { break }
                    count += got
                }
            }
            if content.isEmpty && chunk.count < capacity { return chunk }
            content += chunk
            if chunk.count < capacity { return content }
            capacity = 65536
        }
    }

    public func sync() throws {
        try Posix.call("fsync", path) { fsync(raw) }
    }

    /// fdatasync(2): the content and size, without the timestamps a later read does not need.
    public func dataSync() throws {
        try Posix.call("fdatasync", path) { fdatasync(raw) }
    }

    public func changeOwner(uid: UInt32, gid: UInt32) throws {
        try Posix.call("fchown", path) { fchown(raw, uid, gid) }
    }

    public func changeMode(_ mode: UInt32) throws {
        try Posix.call("fchmod", path) { fchmod(raw, mode) }
    }

    /// Flushes the whole file system holding this file (`syncfs(2)`).
    /// Returns false when the C library has no `syncfs`.
    public func syncFileSystem() throws -> Bool {
        guard let syncfs = FileSystemSync.function else { return false }
        try Posix.call("syncfs", path) { syncfs(raw) }
        return true
    }
}

/// `syncfs(2)`, looked up at run time: Swift's Glibc module does not export it.
public enum FileSystemSync {
    public typealias Function = @convention(c) (Int32) -> Int32

    public static let function: Function? = {
        guard let symbol = dlsym(nil, "syncfs") else { return nil }
        return unsafeBitCast(symbol, to: Function.self)
    }()
}
