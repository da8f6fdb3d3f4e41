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
