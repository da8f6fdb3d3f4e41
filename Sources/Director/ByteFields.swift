import GitStore

/// Little-endian fields appended to a byte array: the stat cache's file format.
struct ByteSink {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    mutating func append<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// The UTF-8 bytes after their count (UInt32).
    mutating func append(_ text: String) {
        append(UInt32(text.utf8.count))
        bytes.append(contentsOf: text.utf8)
    }

    mutating func append(_ id: ObjectID) {
        id.appendRawBytes(to: &bytes)
    }

    /// Overwrites the bytes at `offset` (already appended) with `value`.
    mutating func set<T: FixedWidthInteger>(_ value: T, at offset: Int) {
        withUnsafeBytes(of: value.littleEndian) { raw in
            for (index, byte) in raw.enumerated() { bytes[offset + index] = byte }
        }
    }
}

/// Reads the fields `ByteSink` wrote, in order; a read past the end gives nil.
struct ByteSource {
    private let raw: UnsafeRawBufferPointer
    private(set) var offset: Int

    init(_ raw: UnsafeRawBufferPointer, offset: Int = 0) {
        self.raw = raw
        self.offset = offset
    }

    var isAtEnd: Bool { offset == raw.count }

    mutating func read<T: FixedWidthInteger>(_: T.Type = T.self) -> T? {
        let size = MemoryLayout<T>.size
        guard raw.count - offset >= size else { return nil }
        defer { offset += size }
        return T(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: T.self))
    }

    mutating func readString() -> String? {
        guard let count = read(UInt32.self).map(Int.init), raw.count - offset >= count else { return nil }
        defer { offset += count }
        return String(decoding: UnsafeRawBufferPointer(rebasing: raw[offset..<offset + count]), as: UTF8.self)
    }

    mutating func readID() -> ObjectID? {
        guard let id = ObjectID(rawBytes: UnsafeRawBufferPointer(rebasing: raw[offset...])) else { return nil }
        offset += ObjectID.byteCount
        return id
    }
}

/// A 64-bit checksum that catches a torn or scribbled cache file (not an adversary).
enum Checksum {
    static func of(_ raw: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var offset = 0
        while raw.count - offset >= 8 {
            mix(&hash, raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            offset += 8
        }
        while offset < raw.count {
            mix(&hash, UInt64(raw[offset]))
            offset += 1
        }
        mix(&hash, UInt64(raw.count))
        return hash
    }

    private static func mix(_ hash: inout UInt64, _ word: UInt64) {
        hash = (hash ^ word) &* 0x0000_0100_0000_01b3
        hash ^= hash >> 29
    }
}
