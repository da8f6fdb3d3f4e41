import Glibc

/// A live file replaced as an editor should: a temporary file beside it with its owner and
/// mode, synced, renamed over it. A reader sees the old content or the new, never half.
enum LiveFile {
    static func replace(_ path: String, with content: [UInt8]) throws {
        var old = stat()
        guard stat(path, &old) == 0 else { throw ConsoleError("cannot stat \(path): \(String(cString: strerror(errno)))") }
        let temporary = path + ".confsync-console-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw ConsoleError("cannot create \(temporary): \(String(cString: strerror(errno)))") }
        var done = false
        defer { if !done { unlink(temporary) } }
        var offset = 0
        while offset < content.count {
            let written = content[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else {
                close(fd)
                throw ConsoleError("cannot write \(temporary): \(String(cString: strerror(errno)))")
            }
            offset += written
        }
        let ok = fchown(fd, old.st_uid, old.st_gid) == 0 && fchmod(fd, old.st_mode & 0o7777) == 0 && fsync(fd) == 0
        close(fd)
        guard ok else { throw ConsoleError("cannot set the owner and mode of \(temporary)") }
        guard rename(temporary, path) == 0 else {
            throw ConsoleError("cannot replace \(path): \(String(cString: strerror(errno)))")
        }
        done = true
    }
}
