import GitStore

/// Writes little-endian fields into a buffer of a size known beforehand: the stat cache's
/// file format. Bytes past the end are dropped and reported, never written.
struct ByteSink {
    private let buffer: UnsafeMutableRawBufferPointer
    /// The bytes appended so far.
    private(set) var count = 0
    /// More was appended than the buffer holds.
    private(set) var overflowed = false

    private init(_ buffer: UnsafeMutableRawBufferPointer) {
        self.buffer = buffer
    }

    /// The `size` bytes `write` appends; nil if it appends any other number.
    static func bytes(size: Int, _ write: (inout ByteSink) -> Void) -> [UInt8]? {
        var complete = false
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            var sink = ByteSink(UnsafeMutableRawBufferPointer(buffer))
            write(&sink)
            complete = !sink.overflowed && sink.count == size
            count = complete ? size : 0
        }
        return complete ? bytes : nil
    }

    mutating func append<T: FixedWidthInteger>(_ value: T) {
        let size = MemoryLayout<T>.size
        guard buffer.count - count >= size else {
            overflowed = true
            return
        }
        buffer.storeBytes(of: value.littleEndian, toByteOffset: count, as: T.self)
        count += size
    }

    /// The UTF-8 bytes after their count (UInt32).
    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            append(UInt32(utf8.count))
            append(UnsafeRawBufferPointer(utf8))
        }
    }

    mutating func append(_ id: ObjectID) {
        id.withRawBytes { append($0) }
    }

    mutating func append(_ raw: UnsafeRawBufferPointer) {
        guard buffer.count - count >= raw.count else {
            overflowed = true
            return
        }
        UnsafeMutableRawBufferPointer(rebasing: buffer[count..<count + raw.count]).copyMemory(from: raw)
        count += raw.count
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
