import Glibc

/// A whole file written under a temporary name beside it, then renamed over `path`.
enum PackFile {
    static func write(_ bytes: [UInt8], to path: String) throws {
        let temp = path + ".tmp-" + String(getpid())
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o444)
        guard fd >= 0 else { throw failure("create", temp) }
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                let error = failure("write", temp)
                close(fd)
                unlink(temp)
                throw error
            }
            written += n
        }
        guard close(fd) == 0 else {
            let error = failure("close", temp)
            unlink(temp)
            throw error
        }
        guard rename(temp, path) == 0 else {
            let error = failure("rename \(temp) to", path)
            unlink(temp)
            throw error
        }
    }

    private static func failure(_ what: String, _ path: String) -> GitError {
        GitError(.io, "cannot \(what) \(path): \(String(cString: strerror(errno)))")
    }
}
