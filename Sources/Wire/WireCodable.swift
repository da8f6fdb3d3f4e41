/// A value with a binary form in message payloads (see docs/protocol.md, "Encoding").
public protocol WireCodable {
    /// Appends the value's binary form.
    func encode(to writer: inout ByteWriter)
    /// Reads the value's binary form, throwing `malformed` if it does not parse.
    init(from reader: inout ByteReader) throws(WireError)
}

extension UInt8: WireCodable {
    public func encode(to writer: inout ByteWriter) { writer.writeInteger(self) }
    public init(from reader: inout ByteReader) throws(WireError) { self = try reader.readInteger() }
}

extension UInt16: WireCodable {
    public func encode(to writer: inout ByteWriter) { writer.writeInteger(self) }
    public init(from reader: inout ByteReader) throws(WireError) { self = try reader.readInteger() }
}

extension UInt32: WireCodable {
    public func encode(to writer: inout ByteWriter) { writer.writeInteger(self) }
    public init(from reader: inout ByteReader) throws(WireError) { self = try reader.readInteger() }
}

extension UInt64: WireCodable {
    public func encode(to writer: inout ByteWriter) { writer.writeInteger(self) }
    public init(from reader: inout ByteReader) throws(WireError) { self = try reader.readInteger() }
}

extension Int32: WireCodable {
    public func encode(to writer: inout ByteWriter) { writer.writeInteger(self) }
    public init(from reader: inout ByteReader) throws(WireError) { self = try reader.readInteger() }
}

extension Int64: WireCodable {
    public func encode(to writer: inout ByteWriter) { writer.writeInteger(self) }
    public init(from reader: inout ByteReader) throws(WireError) { self = try reader.readInteger() }
}

/// One byte, 0 or 1; any other value is malformed.
extension Bool: WireCodable {
    public func encode(to writer: inout ByteWriter) { writer.writeInteger(self ? 1 as UInt8 : 0) }
    public init(from reader: inout ByteReader) throws(WireError) {
        let offset = reader.offset
        switch try reader.readInteger() as UInt8 {
        case 0: self = false
        case 1: self = true
        case let other: throw reader.malformed("at offset \(offset): bool byte is \(other), not 0 or 1")
        }
    }
}

/// u32 byte count, then UTF-8; invalid UTF-8 is malformed.
extension String: WireCodable {
    public func encode(to writer: inout ByteWriter) { writer.writeBytes(utf8) }

    public init(from reader: inout ByteReader) throws(WireError) {
        self = try reader.readUTF8()
    }
}

/// Enums with a u8 number: unknown numbers are malformed.
extension WireCodable where Self: RawRepresentable, RawValue == UInt8 {
    public func encode(to writer: inout ByteWriter) { writer.write(rawValue) }
    public init(from reader: inout ByteReader) throws(WireError) {
        let offset = reader.offset
        let raw = try reader.read(UInt8.self)
        guard let value = Self(rawValue: raw) else {
            throw reader.malformed("at offset \(offset): \(raw) is not a valid \(Self.self)")
        }
        self = value
    }
}

/// Enums with a u16 number: unknown numbers are malformed.
extension WireCodable where Self: RawRepresentable, RawValue == UInt16 {
    public func encode(to writer: inout ByteWriter) { writer.write(rawValue) }
    public init(from reader: inout ByteReader) throws(WireError) {
        let offset = reader.offset
        let raw = try reader.read(UInt16.self)
        guard let value = Self(rawValue: raw) else {
            throw reader.malformed("at offset \(offset): \(raw) is not a valid \(Self.self)")
        }
        self = value
    }
}
