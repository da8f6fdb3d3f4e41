/// A managed file whose live state no longer matches the manifest.
public struct DriftEntry: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// The file is gone.
        case missing
        /// The content differs (attributes may differ too).
        case content
        /// Same content; mode, owner or group differ.
        case attributes
        /// Something other than what was deployed (a regular file, or a symbolic link) is at the path.
        case notRegularFile
    }

    public var path: String
    public var kind: Kind
    public var expected: ManifestEntry
    public var actualBlobID: String?
    public var actualMode: UInt32?
    public var actualOwner: String?
    public var actualGroup: String?
    /// The live content (regular files only).
    public var content: [UInt8]?

    public init(
        path: String, kind: Kind, expected: ManifestEntry, actualBlobID: String? = nil,
        actualMode: UInt32? = nil, actualOwner: String? = nil, actualGroup: String? = nil,
        content: [UInt8]? = nil
    ) {
        self.path = path
        self.kind = kind
        self.expected = expected
        self.actualBlobID = actualBlobID
        self.actualMode = actualMode
        self.actualOwner = actualOwner
        self.actualGroup = actualGroup
        self.content = content
    }
}
