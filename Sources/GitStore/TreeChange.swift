/// How one path differs between two trees. Renames are not detected: a rename is a
/// deletion plus an addition.
public enum ChangeStatus: Sendable, Hashable {
    /// The path exists only in the new tree.
    case added
    /// The path exists only in the old tree.
    case deleted
    /// Same kind of entry on both sides, different content or mode (644 <-> 755).
    case modified
    /// A file became a symlink or the other way round.
    case typeChanged
}

/// One changed path of a tree-to-tree diff.
public struct TreeChange: Hashable, Sendable {
    /// The full path in the tree (`etc/squid3/squid.conf`).
    public var path: String
    /// What happened to it.
    public var status: ChangeStatus
    /// The entry before; nil when added.
    public var old: TreeEntry?
    /// The entry after; nil when deleted.
    public var new: TreeEntry?

    public init(path: String, status: ChangeStatus, old: TreeEntry?, new: TreeEntry?) {
        self.path = path
        self.status = status
        self.old = old
        self.new = new
    }
}
