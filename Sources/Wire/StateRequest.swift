/// `stateRequest` (type 3): asks the node for its state. The manifest (one entry per
/// managed file) is only sent when asked for: a director that knows the node's commit in
/// its repository does not need it, which keeps a no-change deploy to a few hundred bytes.
public struct StateRequest: Hashable, Sendable, WireCodable {
    /// Send the manifest too.
    public var includeManifest: Bool

    public init(includeManifest: Bool) {
        self.includeManifest = includeManifest
    }

    /// Commit, busy flag and last deploy only.
    public static let summary = StateRequest(includeManifest: false)
    /// Everything, manifest included.
    public static let full = StateRequest(includeManifest: true)

    public func encode(to writer: inout ByteWriter) {
        writer.write(includeManifest)
    }

    public init(from reader: inout ByteReader) throws(WireError) {
        includeManifest = try reader.read()
    }
}
