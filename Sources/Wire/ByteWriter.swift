/// Builds a message payload: big-endian integers, u32-length-prefixed bytes and strings,
/// u32-counted arrays, optionals as a u8 tag (0 absent, 1 present) then the value.
///
/// Lengths and counts are written as u32. Every element takes at least one byte, so a
/// count that does not fit in u32 implies a payload that does not either, which
/// ``Frame/serialized(maxPayload:)`` and ``Message/serialized(maxPayload:)`` refuse.
public struct ByteWriter: Sendable {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8]

    /// An empty writer with room for `capacity` bytes.
    public init(capacity: Int = 0) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Appends `value`'s binary form.
    public mutating func write(_ value: some WireCodable) {
        value.encode(to: &self)
    }

    /// Appends a u8 tag (0 for `nil`, 1 otherwise), then the value if present.
    public mutating func write(_ value: (some WireCodable)?) {
        if let value {
            writeInteger(1 as UInt8)
            value.encode(to: &self)
        } else {
            writeInteger(0 as UInt8)
        }
    }

    /// Appends a u32 count, then each element.
    public mutating func write(_ values: [some WireCodable]) {
        writeInteger(UInt32(truncatingIfNeeded: values.count))
        for value in values { value.encode(to: &self) }
    }

    /// Appends a u32 length, then the bytes as they are.
    public mutating func writeBytes(_ data: some Collection<UInt8>) {
        writeInteger(UInt32(truncatingIfNeeded: data.count))
        // One copy of contiguous bytes, even when this generic is not specialised.
        let copied: Void? = data.withContiguousStorageIfAvailable { bytes.append(contentsOf: $0) }
        if copied == nil { bytes.append(contentsOf: data) }
    }

    /// Appends `value` big-endian.
    mutating func writeInteger<I: FixedWidthInteger>(_ value: I) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }

    /// Appends bytes without a length.
    mutating func writeRaw(_ data: [UInt8]) {
        bytes.append(contentsOf: data)
    }

    /// Overwrites the four bytes at `offset` (already written) with `value` big-endian.
    mutating func overwrite(_ value: UInt32, at offset: Int) {
        for index in 0..<4 {
            bytes[offset + index] = UInt8(truncatingIfNeeded: value >> (24 - 8 * index))
        }
    }
}
