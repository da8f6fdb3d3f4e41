import Foundation
import Posix

/// A managed regular file or link found by the walk, with its stat data and the previous
/// scan's cache entry for it.
struct FoundFile: Sendable {
    var path: ManagedPath
    var key: StatCache.Key
    var old: StatCache.Entry?

    /// The file at `path` with stat data `st`; nil unless it is a regular file or a link.
    init?(path: ManagedPath, _ st: stat, previous: [ManagedPath: StatCache.Entry]) {
        let type = st.st_mode & S_IFMT
        guard type == S_IFREG || type == S_IFLNK else { return nil }
        self.path = path
        key = StatCache.Key(st)
        old = previous[path]
    }

    /// A file as the previous scan found it, not looked at again (see `KeptScan`).
    init(path: ManagedPath, cached entry: StatCache.Entry) {
        self.path = path
        key = entry.key
        old = entry
    }
}
