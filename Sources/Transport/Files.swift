#if canImport(Glibc)
import Glibc
#endif

/// The few file operations identities need, on raw POSIX calls.
enum Files {
    /// The whole content of `path`.
    static func read(_ path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw SystemError.failure(.io, "cannot open \(path)") }
        defer { close(fd) }
        var content: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16384)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count == 0 { return content }
            if count < 0 {
                if errno == EINTR { continue }
                throw SystemError.failure(.io, "cannot read \(path)")
            }
            content += chunk[0..<count]
        }
    }

    /// Replaces `path` with `content` and permission bits `mode`, atomically: a temporary
    /// file in the same directory, created 0600, written, synced, chmod-ed, then renamed
    /// over `path`; the directory is synced last. Readers see the old file or the new one.
    static func writeAtomically(_ path: String, _ content: [UInt8], mode: mode_t) throws {
        var template = Array((path + ".tmp-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.map { mkstemp($0) } ?? -1 }
        guard fd >= 0 else {
            throw SystemError.failure(.io, "cannot create a temporary file beside \(path)")
        }
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var renamed = false
        defer {
            close(fd)
            if !renamed { unlink(temporary) }
        }
        var offset = 0
        while offset < content.count {
            let written = content.withUnsafeBytes { write(fd, $0.baseAddress.map { $0 + offset }, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw SystemError.failure(.io, "cannot write \(temporary)")
            }
            offset += written
        }
        guard fchmod(fd, mode) == 0 else {
            throw SystemError.failure(.io, "cannot set the mode of \(temporary)")
        }
        guard fsync(fd) == 0 else { throw SystemError.failure(.io, "cannot sync \(temporary)") }
        guard rename(temporary, path) == 0 else {
            throw SystemError.failure(.io, "cannot rename \(temporary) to \(path)")
        }
        renamed = true
        syncDirectory(of: path)
    }

    /// Best effort: the rename is durable once the directory is synced.
    private static func syncDirectory(of path: String) {
        let directory = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        let fd = open(directory.isEmpty ? "/" : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }
}
