import Foundation

/// Small POSIX file helpers: whole-file reads, and atomic writes with owner and mode.
enum PosixFile {
    /// The whole content of `path`: one read for a file whose size `fstat` knows, more only
    /// if it grows while being read.
    static func read(_ path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw errnoError("cannot read \(path)") }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw errnoError("cannot stat \(path)") }
        var capacity = max(Int(st.st_size), 0) + 1
        var result: [UInt8] = []
        while true {
            var failed = false
            let chunk = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
                count = 0
                while count < buffer.count {
                    let n = Foundation.read(fd, buffer.baseAddress.map { $0 + count }, buffer.count - count)
                    if n < 0 && errno == EINTR { continue }
                    if n < 0 { failed = true }
                    if n <= 0 { break }
                    count += n
                }
            }
            if failed { throw errnoError("cannot read \(path)") }
            if result.isEmpty && chunk.count < capacity { return chunk }
            result += chunk
            if chunk.count < capacity { return result }
            capacity = 65536
        }
    }

    /// The content of a file that is replaced, never changed in place (a cache): the size
    /// `fstat` gives, read with a single `read` when the kernel allows.
    static func readWhole(_ path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw errnoError("cannot read \(path)") }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw errnoError("cannot stat \(path)") }
        let size = max(Int(st.st_size), 0)
        return try [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            count = 0
            while count < size {
                let n = Foundation.read(fd, buffer.baseAddress.map { $0 + count }, size - count)
                if n < 0 && errno == EINTR { continue }
                if n < 0 { throw errnoError("cannot read \(path)") }
                if n == 0 { break }
                count += n
            }
        }
    }

    /// Writes `content` to `path` atomically: a temp file beside it with the final owner and
    /// mode, renamed over the target. Creates missing parents (0755). `durable`: the file is
    /// synced before the rename and the directory after it.
    static func writeAtomically(
        _ content: [UInt8], to path: String, mode: mode_t, uid: uid_t?, gid: gid_t?, durable: Bool = true
    ) throws {
        let directory = (path as NSString).deletingLastPathComponent
        try makeDirectories(directory)
        let temp = directory + "/.confsync-tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw errnoError("cannot create \(temp)") }
        var ok = false
        defer {
            if !ok { unlink(temp) }
        }
        do {
            defer { close(fd) }
            try writeAll(fd, content, path: temp)
            if uid != nil || gid != nil, fchown(fd, uid ?? uid_t.max, gid ?? gid_t.max) != 0 {
                throw errnoError("cannot set owner of \(path)")
            }
            guard fchmod(fd, mode) == 0 else { throw errnoError("cannot set mode of \(path)") }
            guard !durable || fsync(fd) == 0 else { throw errnoError("cannot sync \(temp)") }
        }
        guard rename(temp, path) == 0 else { throw errnoError("cannot rename \(temp) to \(path)") }
        ok = true
        if durable { syncDirectory(directory) }
    }

    /// Replaces `path` with a symbolic link to `target`, atomically.
    static func symlinkAtomically(_ target: String, at path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        try makeDirectories(directory)
        let temp = directory + "/.confsync-tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        guard symlink(target, temp) == 0 else { throw errnoError("cannot create link \(temp)") }
        guard rename(temp, path) == 0 else {
            unlink(temp)
            throw errnoError("cannot rename \(temp) to \(path)")
        }
        syncDirectory(directory)
    }

    static func writeAll(_ fd: Int32, _ content: [UInt8], path: String) throws {
        var written = 0
        while written < content.count {
            let n = content.withUnsafeBytes { raw in
                write(fd, raw.baseAddress.map { $0 + written }, raw.count - written)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw errnoError("cannot write \(path)")
            }
            written += n
        }
    }

    static func makeDirectories(_ path: String) throws {
        var st = stat()
        if stat(path, &st) == 0 { return }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw DirectorError(.io, "cannot create directory \(path): \(error.localizedDescription)")
        }
    }

    static func syncDirectory(_ path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }

    /// An I/O error for `context` with the message of `code` (by default, the last call's).
    static func errnoError(_ context: String, code: Int32 = errno) -> DirectorError {
        DirectorError(.io, "\(context): \(String(cString: strerror(code)))")
    }
}
