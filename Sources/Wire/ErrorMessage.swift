/// `error` (type 11): the sender gives up on the conversation and closes after sending it.
public struct ErrorMessage: Hashable, Sendable, WireCodable {
    /// Why.
    public var code: ErrorCode
    /// Details for the operator (which path, which blob, which version).
    public var message: String

    /// An error message.
    public init(code: ErrorCode, message: String) {
        self.code = code
        self.message = message
    }

    /// The answer to a peer whose bytes failed to decode with `error`.
    public init(_ error: WireError) {
        self.init(code: error.errorCode, message: error.message)
    }

    public func encode(to writer: inout ByteWriter) {
        writer.write(code)
        writer.write(message)
    }

    public init(from reader: inout ByteReader) throws(WireError) {
        code = try reader.read()
        message = try reader.read()
    }
}
