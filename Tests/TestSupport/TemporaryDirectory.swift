import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A fresh directory of its own (mkdtemp), removed with everything in it by `remove()` or
/// when the last reference goes. Hold it (or call `remove()` in a `defer`) for as long as
/// its path is in use: Swift may release an object right after its last use.
public final class TemporaryDirectory: Sendable {
    public let path: String

    /// A directory named `prefix-XXXXXX` under `parent` (default: the system's temporary
    /// directory), with mode 0755 as `mkdir` makes it under the usual umask, so that a
    /// checker that drops its privileges (squid) can still read it.
    public init(prefix: String = "confsync-tests", in parent: String? = nil) throws {
        let parent = parent ?? FileManager.default.temporaryDirectory.path
        let template = (parent.hasSuffix("/") ? parent : parent + "/") + prefix + "-XXXXXX"
        var bytes = Array(template.utf8CString)
        guard let made = mkdtemp(&bytes) else {
            throw TestSupportError("cannot make a temporary directory \(template): \(String(cString: strerror(errno)))")
        }
        path = String(cString: made)
        guard chmod(path, 0o755) == 0 else {
            throw TestSupportError("cannot chmod \(path): \(String(cString: strerror(errno)))")
        }
    }

    deinit { remove() }

    public var url: URL { URL(fileURLWithPath: path, isDirectory: true) }

    /// The absolute path of `name` (relative, may contain slashes) inside the directory.
    public func path(_ name: String) -> String {
        path + "/" + name
    }

    /// Removes the directory and everything in it; nothing happens when it is gone already.
    public func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
