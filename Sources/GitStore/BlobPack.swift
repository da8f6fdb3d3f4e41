/// Blobs as the bytes of a git pack (version 2, no deltas), built in memory: header, each
/// object (type and size, then its zlib stream), and the SHA-1 trailer.
struct BlobPack {
    private(set) var bytes: [UInt8] = Array("PACK".utf8) + [0, 0, 0, 2] + [0, 0, 0, 0]
    private(set) var count = 0
    private let deflater: Deflater

    init(deflater: Deflater) {
        self.deflater = deflater
    }

    /// Git's object type number for a blob.
    static let blobType = 3

    mutating func append(_ blob: [UInt8]) throws {
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
        count += 1
    }

    /// The finished pack: the object count in the header, the checksum at the end.
    func finished() throws -> [UInt8] {
        var pack = bytes
        let count = UInt32(self.count)
        for index in 0..<4 { pack[8 + index] = UInt8(truncatingIfNeeded: count >> (24 - 8 * index)) }
        pack += try PackChecksum.sha1(pack)
        return pack
    }
}
