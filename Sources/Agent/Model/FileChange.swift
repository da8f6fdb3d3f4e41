/// One file of a change set: write it with these attributes, or delete it.
public struct FileChange: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case put
        case delete
    }

    /// Absolute, normalized path without the root prefix.
    public var path: String
    public var kind: Kind
    /// New content of a put. May be nil when only attributes change and the live file
    /// already has `blobID` (the content is then taken from the live file).
    public var content: [UInt8]?
    /// Git blob id of the new content (required for a put).
    public var blobID: String?
    /// Permission bits of a put (`0o7777` at most), or `ManifestEntry.symlinkMode` for a
    /// symbolic link whose target is the content (owner and group are then not applied).
    public var mode: UInt32
    public var owner: String
    public var group: String
    /// The blob id the live file must have now; nil means it must not exist.
    public var expectedOldBlobID: String?

    public init(
        path: String, kind: Kind, content: [UInt8]? = nil, blobID: String? = nil,
        mode: UInt32 = 0o644, owner: String = "root", group: String = "root",
        expectedOldBlobID: String? = nil
    ) {
        self.path = path
        self.kind = kind
        self.content = content
        self.blobID = blobID
        self.mode = mode
        self.owner = owner
        self.group = group
        self.expectedOldBlobID = expectedOldBlobID
    }

    /// A put of `content`, with its blob id computed.
    public static func put(
        _ path: String, _ content: [UInt8], mode: UInt32 = 0o644, owner: String = "root",
        group: String = "root", expectedOldBlobID: String? = nil
    ) -> FileChange {
        FileChange(
            path: path, kind: .put, content: content, blobID: BlobID.of(content), mode: mode,
            owner: owner, group: group, expectedOldBlobID: expectedOldBlobID)
    }

    /// A delete of the file that has `expectedOldBlobID` now.
    public static func delete(_ path: String, expectedOldBlobID: String?) -> FileChange {
        FileChange(path: path, kind: .delete, expectedOldBlobID: expectedOldBlobID)
    }
}
