/// A deploy record with its JSON line, encoded once: the same line goes into the deploy's
/// journal and then into the note (a first deploy's record lists every file of the node, and
/// encoding 10 x 10,000 file results twice was a fifth of the director's time).
public struct EncodedRecord: Sendable {
    public let record: DeployRecord
    /// `record.jsonLine()`, without its newline.
    public let line: String

    public init(_ record: DeployRecord) throws {
        self.record = record
        line = try record.jsonLine()
    }
}
