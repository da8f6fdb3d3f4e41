/// `blob` (type 5): the content of a file to write, sent before `apply`.
///
/// The receiver hashes `content` and answers `error blobMismatch` if it is not `id`.
public struct Blob: Hashable, Sendable, WireCodable {
    /// Git blob id of `content` (hex).
    public var id: String
    /// The file's bytes.
    public var content: [UInt8]

    /// A blob.
    public init(id: String, content: [UInt8]) {
        self.id = id
        self.content = content
    }

    public func encode(to writer: inout ByteWriter) {
        writer.write(id)
        writer.writeBytes(content)
    }

    public init(from reader: inout ByteReader) throws(WireError) {
        id = try reader.read()
        content = try reader.readBytes()
    }
}

/// `drifted` (type 8): the current content of a drifted file, sent by the agent before
/// a forced `apply` overwrites it, so the director can save it.
public struct Drifted: Hashable, Sendable, WireCodable {
    /// Tree path of the file.
    public var path: String
    /// Git blob id of `content` (hex), computed by the agent.
    public var blobID: String
    /// The file's bytes as found on the node.
    public var content: [UInt8]

    /// A drifted file.
    public init(path: String, blobID: String, content: [UInt8]) {
        self.path = path
        self.blobID = blobID
        self.content = content
    }

    public func encode(to writer: inout ByteWriter) {
        writer.write(path)
        writer.write(blobID)
        writer.writeBytes(content)
    }

    public init(from reader: inout ByteReader) throws(WireError) {
        path = try reader.read()
        blobID = try reader.read()
        content = try reader.readBytes()
    }
}
