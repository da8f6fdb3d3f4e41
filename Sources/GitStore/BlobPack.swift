import CZlib

/// Blobs as a git pack (version 2, no deltas) built in memory, with its index: header, each
/// object (type and size, then its zlib stream), the SHA-1 trailer; the index (version 2) as
/// `git index-pack` would write it, so that nothing has to inflate and hash it all again.
struct BlobPack {
    struct Entry {
        let id: ObjectID
        let offset: Int
        /// CRC-32 of the object's bytes in the pack (header and zlib stream).
        let crc: UInt32
    }

    private(set) var bytes: [UInt8] = Array("PACK".utf8) + [0, 0, 0, 2] + [0, 0, 0, 0]
    private(set) var entries: [Entry] = []
    private let deflater: Deflater

    init(deflater: Deflater) {
        self.deflater = deflater
    }

    var count: Int { entries.count }

    /// Git's object type number for a blob.
    static let blobType = 3

    /// Appends `blob`, whose id is `id`; the caller adds each id once.
    mutating func append(_ blob: [UInt8], id: ObjectID) throws {
        let offset = bytes.count
        // Type in bits 6-4 of the first byte and the size in 4 bits there, then 7 bits a byte,
        // least significant first; the high bit says another byte follows.
        var size = blob.count >> 4
        var byte = UInt8(Self.blobType << 4 | blob.count & 0x0f)
        while size > 0 {
            bytes.append(byte | 0x80)
            byte = UInt8(size & 0x7f)
            size >>= 7
        }
        bytes.append(byte)
        try deflater.deflate(blob, appendingTo: &bytes)
        let crc = bytes[offset...].withUnsafeBytes { raw in
            crc32(0, raw.bindMemory(to: UInt8.self).baseAddress, UInt32(raw.count))
        }
        entries.append(Entry(id: id, offset: offset, crc: UInt32(truncatingIfNeeded: crc)))
    }

    /// The finished pack (the object count in its header, its checksum at the end) and its
    /// index. In place: the caller gives up its copy first, so that the bytes are not copied.
    mutating func finish() throws -> (pack: [UInt8], index: [UInt8], checksum: [UInt8]) {
        Self.putBigEndian(UInt32(count), into: &bytes, at: 8)
        let checksum = try SHA1.digest(bytes)
        bytes += checksum
        return (bytes, try Self.index(entries, packChecksum: checksum), checksum)
    }

    /// A version 2 pack index: magic and version, the fan-out table (how many ids begin with
    /// a byte up to each value), the sorted ids, their CRCs, their offsets (31 bits: a pack
    /// here stays far below 2 GiB), the pack's checksum and the index's own.
    static func index(_ entries: [Entry], packChecksum: [UInt8]) throws -> [UInt8] {
        let sorted = entries.sorted { $0.id < $1.id }
        let ids = sorted.map(\.id.bytes)
        var index: [UInt8] = [0xff, 0x74, 0x4f, 0x63, 0, 0, 0, 2]
        index.reserveCapacity(8 + 1024 + sorted.count * 28 + 40)
        var fanout = [UInt32](repeating: 0, count: 256)
        for id in ids { fanout[Int(id[0])] += 1 }
        var running: UInt32 = 0
        for value in fanout {
            running += value
            appendBigEndian(running, to: &index)
        }
        for id in ids { index += id }
        for entry in sorted { appendBigEndian(entry.crc, to: &index) }
        for entry in sorted {
            guard entry.offset < 1 << 31 else { throw GitError(.invalid, "a pack of more than 2 GiB") }
            appendBigEndian(UInt32(entry.offset), to: &index)
        }
        index += packChecksum
        index += try SHA1.digest(index)
        return index
    }

    private static func appendBigEndian(_ value: UInt32, to bytes: inout [UInt8]) {
        for shift in stride(from: 24, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    private static func putBigEndian(_ value: UInt32, into bytes: inout [UInt8], at offset: Int) {
        for index in 0..<4 { bytes[offset + index] = UInt8(truncatingIfNeeded: value >> UInt32(24 - 8 * index)) }
    }
}
