import Wire

/// What the node believes it deployed at one path: content (git blob id) and attributes.
public struct ManifestEntry: Codable, Hashable, Sendable {
    /// Absolute path without the root prefix, e.g. "/etc/squid3/squid.conf".
    public var path: String
    /// Git blob id (hex) of the content.
    public var blobID: String
    /// Permission bits (`0o7777` at most), or `symlinkMode` for a symbolic link (whose blob
    /// is its target, as in git).
    public var mode: UInt32
    /// Owner user name (or a decimal uid when the uid has no name).
    public var owner: String
    /// Owner group name (or a decimal gid when the gid has no name).
    public var group: String

    /// The mode of a symbolic link (the wire's: S_IFLNK and 0777).
    public static let symlinkMode: UInt32 = Wire.FileChange.symlinkMode

    /// True for a symbolic link's mode.
    public static func isSymlink(_ mode: UInt32) -> Bool { mode == symlinkMode }

    public init(path: String, blobID: String, mode: UInt32, owner: String, group: String) {
        self.path = path
        self.blobID = blobID
        self.mode = mode
        self.owner = owner
        self.group = group
    }
}
