/// The modes git keeps for files: everything else about ownership and permissions is data.
public enum FileMode: UInt32, Sendable, Hashable {
    /// A regular file (`100644`).
    case blob = 0o100644
    /// An executable file (`100755`).
    case executable = 0o100755
    /// A symbolic link whose blob holds the target (`120000`).
    case symlink = 0o120000

    /// The mode for a raw git file mode; nil for trees, submodules and unknown modes.
    /// The legacy group-writable mode `100664` reads as `.blob`, as git does.
    init?(git raw: UInt32) {
        switch raw {
        case 0o100644, 0o100664: self = .blob
        case 0o100755: self = .executable
        case 0o120000: self = .symlink
        default: return nil
        }
    }
}

/// A file in a tree: the blob holding its content and its mode.
public struct TreeEntry: Hashable, Sendable {
    /// The blob id (for a symlink, the blob holds the link target).
    public var id: ObjectID
    /// Regular, executable or symlink.
    public var mode: FileMode

    public init(id: ObjectID, mode: FileMode) {
        self.id = id
        self.mode = mode
    }
}
