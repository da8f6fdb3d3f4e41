import Glibc
import Posix

/// A live file replaced as an editor should: a temporary file beside it with its owner and
/// mode, synced, renamed over it (`WholeFile.write`). A reader sees the old content or the
/// new, never half.
enum LiveFile {
    static func replace(_ path: String, with content: [UInt8]) throws {
        var old = stat()
        guard stat(path, &old) == 0 else { throw ConsoleError("cannot stat \(path): \(PosixError.text(errno))") }
        do {
            try WholeFile.write(
                content, to: path, mode: old.st_mode & 0o7777, uid: old.st_uid, gid: old.st_gid, durable: true,
                creatingDirectories: false)
        } catch {
            throw ConsoleError("cannot replace \(path): \(error)")
        }
    }
}
