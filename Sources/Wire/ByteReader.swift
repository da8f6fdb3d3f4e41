/// Reads a message payload written by ``ByteWriter``, never past its end.
///
/// Every failure is a `malformed` ``WireError`` naming the message type and the offset.
public struct ByteReader: Sendable {
    /// The message type being read, for error messages.
    public let messageType: UInt8
    /// Where the next read starts.
    public private(set) var offset: Int

    private let bytes: [UInt8]

    /// A reader at the start of `bytes`, the payload of a message of type `messageType`.
    public init(_ bytes: [UInt8], messageType: UInt8) {
        self.bytes = bytes
        self.messageType = messageType
        offset = 0
    }

    /// Bytes not yet read.
    public var remaining: Int { bytes.count - offset }

    /// Reads a `T`.
    public mutating func read<T: WireCodable>(_ type: T.Type = T.self) throws(WireError) -> T {
        try T(from: &self)
    }

    /// Reads a u8 tag, then a `T` if the tag is 1; other tags are malformed.
    public mutating func readOptional<T: WireCodable>(_ type: T.Type = T.self) throws(WireError) -> T? {
        let tagOffset = offset
        switch try readInteger() as UInt8 {
        case 0: return nil
        case 1: return try T(from: &self)
        case let tag: throw malformed("at offset \(tagOffset): optional tag is \(tag), not 0 or 1")
        }
    }

    /// Reads a u32 count, then that many `T`s.
    public mutating func readArray<T: WireCodable>(of type: T.Type = T.self) throws(WireError) -> [T] {
        let countOffset = offset
        let count = Int(try readInteger() as UInt32)
        // Every element takes at least one byte: a larger count cannot be honest, and
        // checking it first keeps a hostile count from reserving memory.
        guard count <= remaining else {
            throw malformed("at offset \(countOffset): array of \(count) elements, only \(remaining) bytes left")
        }
        var values: [T] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try T(from: &self)) }
        return values
    }

    /// Reads a u32 length, then that many bytes.
    public mutating func readBytes() throws(WireError) -> [UInt8] {
        Array(bytes[try lengthPrefixedRange(of: "byte string")])
    }

    /// Throws `malformed` unless every byte has been read.
    public func expectEnd() throws(WireError) {
        if remaining > 0 { throw malformed("\(remaining) unexpected bytes after the message at offset \(offset)") }
    }

    /// A `malformed` error for this message type.
    public func malformed(_ reason: String) -> WireError {
        .malformed(messageType, reason)
    }

    /// Reads a u32 length, then that many bytes of valid UTF-8.
    mutating func readUTF8() throws(WireError) -> String {
        let range = try lengthPrefixedRange(of: "string")
        let slice = bytes[range]
        // Decoding repairs invalid sequences; a repaired string differs from its bytes.
        let string = String(decoding: slice, as: UTF8.self)
        guard string.utf8.elementsEqual(slice) else {
            throw malformed("at offset \(range.lowerBound): string is not valid UTF-8")
        }
        return string
    }

    /// Reads a big-endian integer.
    mutating func readInteger<I: FixedWidthInteger>(_ type: I.Type = I.self) throws(WireError) -> I {
        let range = try take(MemoryLayout<I>.size, what: "\(I.self)")
        var value: I = 0
        for byte in bytes[range] { value = value << 8 | I(truncatingIfNeeded: byte) }
        return value
    }

    /// Reads a u32 length and returns the range of the bytes that follow it.
    private mutating func lengthPrefixedRange(of what: String) throws(WireError) -> Range<Int> {
        let length = Int(try readInteger() as UInt32)
        return try take(length, what: what)
    }

    /// Consumes `count` bytes and returns their range; throws if fewer remain.
    private mutating func take(_ count: Int, what: String) throws(WireError) -> Range<Int> {
        guard count <= remaining else {
            throw malformed("at offset \(offset): \(what) needs \(count) bytes, only \(remaining) left")
        }
        let range = offset..<(offset + count)
        offset += count
        return range
    }
}
