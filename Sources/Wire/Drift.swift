/// `driftReport` (type 14): the managed files on a node whose live content, mode, owner or
/// group differ from what was deployed there, answering `driftRequest` (type 13, no payload).
public struct DriftReport: Hashable, Sendable, WireCodable {
    public var entries: [DriftItem]

    public init(entries: [DriftItem]) {
        self.entries = entries
    }

    public func encode(to writer: inout ByteWriter) {
        writer.write(entries)
    }

    public init(from reader: inout ByteReader) throws(WireError) {
        entries = try reader.readArray()
    }
}

/// One drifted file.
public struct DriftItem: Hashable, Sendable, WireCodable {
    public enum Kind: UInt8, CaseIterable, Hashable, Sendable, WireCodable {
        /// The file is gone.
        case missing = 1
        /// Its content differs.
        case content = 2
        /// Only mode, owner or group differ.
        case attributes = 3
        /// Something other than a regular file is there now.
        case notRegularFile = 4
    }

    public var path: String
    public var kind: Kind
    /// What was deployed.
    public var expected: ManifestEntry
    public var actualBlobID: String?
    public var actualMode: UInt32?
    public var actualOwner: String?
    public var actualGroup: String?
    /// The live content, when it differs.
    public var content: [UInt8]?

    public init(
        path: String, kind: Kind, expected: ManifestEntry, actualBlobID: String?, actualMode: UInt32?,
        actualOwner: String?, actualGroup: String?, content: [UInt8]?
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

    public func encode(to writer: inout ByteWriter) {
        writer.write(path)
        writer.write(kind)
        writer.write(expected)
        writer.write(actualBlobID)
        writer.write(actualMode)
        writer.write(actualOwner)
        writer.write(actualGroup)
        writer.write(content != nil)
        writer.writeBytes(content ?? [])
    }

    public init(from reader: inout ByteReader) throws(WireError) {
        path = try reader.read()
        kind = try reader.read()
        expected = try reader.read()
        actualBlobID = try reader.readOptional()
        actualMode = try reader.readOptional()
        actualOwner = try reader.readOptional()
        actualGroup = try reader.readOptional()
        let hasContent: Bool = try reader.read()
        let bytes = try reader.readBytes()
        content = hasContent ? bytes : nil
    }
}
