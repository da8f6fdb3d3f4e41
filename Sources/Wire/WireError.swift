/// A frame or message that cannot be decoded (or encoded) under this protocol version.
///
/// Every failure of this module is a `WireError`; it never crashes on bad input.
/// The stream that produced one cannot be resynchronised: answer with
/// ``ErrorMessage/init(_:)`` if the peer can still read, then close the connection.
public struct WireError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, for code that reacts to it.
    public enum Code: String, Hashable, Sendable {
        /// The header announces a payload above the receiver's limit (or above `UInt32.max`).
        case frameTooLarge
        /// The first two bytes of a frame are not `CS`.
        case badMagic
        /// The frame header carries another protocol version.
        case unsupportedVersion
        /// The stream ended inside a frame.
        case truncated
        /// The frame type is not a message of this protocol version.
        case unknownType
        /// The payload does not parse as the message its type announces.
        case malformed
    }

    /// What went wrong.
    public let code: Code
    /// What went wrong, with context (sizes, offsets, the message type).
    public let message: String

    /// A failure with the given code and context.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// `code: message`.
    public var description: String { "\(code.rawValue): \(message)" }

    /// The header announces `length` payload bytes, more than `limit`.
    public static func frameTooLarge(length: Int, limit: Int) -> WireError {
        WireError(.frameTooLarge, "frame payload of \(length) bytes exceeds the limit of \(limit) bytes")
    }

    /// The frame starts with `found` instead of `CS`.
    public static func badMagic(_ found: [UInt8]) -> WireError {
        let hex = found.map { byte in hexByte(byte) }.joined(separator: " ")
        return WireError(.badMagic, "frame starts with \(hex), not 43 53 (\"CS\")")
    }

    /// The frame header carries protocol version `version`.
    public static func unsupportedVersion(_ version: UInt8) -> WireError {
        WireError(
            .unsupportedVersion,
            "peer speaks protocol version \(version), this side speaks \(WireProtocol.version)")
    }

    /// The stream ended with `buffered` bytes of an incomplete frame.
    public static func truncated(buffered: Int) -> WireError {
        WireError(.truncated, "stream ended inside a frame (\(buffered) bytes of it received)")
    }

    /// Frame type `type` is not a message of this protocol version.
    public static func unknownType(_ type: UInt8) -> WireError {
        WireError(.unknownType, "unknown message type \(type)")
    }

    /// The payload of a frame of type `type` does not parse: `reason` says where and why.
    public static func malformed(_ type: UInt8, _ reason: String) -> WireError {
        let name = MessageType(rawValue: type).map { "\($0)" } ?? "type \(type)"
        return WireError(.malformed, "malformed \(name) message (type \(type)): \(reason)")
    }

    /// The error code to answer the peer with.
    public var errorCode: ErrorCode {
        switch code {
        case .unsupportedVersion: .badVersion
        case .frameTooLarge: .tooLarge
        case .badMagic, .truncated, .unknownType, .malformed: .badMessage
        }
    }
}

private func hexByte(_ byte: UInt8) -> String {
    let digits: [Character] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "a", "b", "c", "d", "e", "f"]
    return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0f)]])
}
