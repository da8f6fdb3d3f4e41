import Foundation

/// A directory the live walk has still to list.
struct PendingDirectory: Sendable {
    /// The absolute managed path ("" for the root directory "/").
    var path: String
    /// The path on disk, root prefix included, NUL-terminated, with the names' bytes as
    /// `readdir` gave them (`path` has invalid UTF-8 repaired).
    var live: [CChar]
    /// A walk root may be reached through a link; a directory found by the walk may not.
    var followsLink: Bool
}

/// A managed regular file or link found by the walk, with its stat data and the previous
/// scan's cache entry for it.
struct FoundFile: Sendable {
    var path: String
    var key: StatCache.Key
    var old: StatCache.Entry?

    /// The file at `path` with stat data `st`; nil unless it is a regular file or a link.
    init?(path: String, _ st: stat, previous: [String: StatCache.Entry]) {
        let type = st.st_mode & S_IFMT
        guard type == S_IFREG || type == S_IFLNK else { return nil }
        self.path = path
        key = StatCache.Key(st)
        old = previous[path]
    }
}

/// What listing one directory found, in `readdir` order: managed files and subdirectories.
/// A listing that met an error stops there, as a one-thread walk would.
struct DirectoryListing: Sendable {
    enum Item: Sendable {
        case file(FoundFile)
        case directory(PendingDirectory)
    }

    /// An `lstat` that failed other than for a vanished file: errno and the live path.
    struct Failure: Sendable {
        var code: Int32
        var live: String
    }

    var items: [Item] = []
    var failure: Failure?

    /// The error the walk stops with, made on the calling thread (`strerror` is not reentrant).
    func check() throws {
        guard let failure else { return }
        throw PosixFile.errnoError("cannot stat \(failure.live)", code: failure.code)
    }
}
