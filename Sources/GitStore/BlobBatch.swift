/// New blobs written together: as one pack with its index when there are many (a first
/// commit of 10,000 files wrote 10,000 loose objects, each a temp file, a link and an unlink),
/// loose as `writeBlob` writes them when there are few, so that small commits do not pile up
/// packs. The pack is made here (`BlobPack`): no delta search, and no second inflating and
/// hashing of every object as libgit2's indexer would do.
///
/// An id `add` returns names an object of the repository only once `finish` returned: write
/// no tree that holds it before. An error leaves at most unreferenced objects behind.
public final class BlobBatch {
    /// Fewer new blobs than this are written loose.
    public static let packFrom = 64
    /// A pack is written when its objects reach this many deflated bytes (or the blobs held
    /// for the decision loose or packed, this many bytes), so that memory stays bounded.
    public static let packBytes = 32 << 20

    private let repository: Repository
    private let deflater: Deflater
    /// The first blobs, until there are `packFrom` of them.
    private var held: [(id: ObjectID, bytes: [UInt8])] = []
    private var heldBytes = 0
    private var pack: BlobPack?
    /// Ids added since the last pack was written, so that the same content goes in once.
    private var added: Set<ObjectID> = []
    /// Packs written so far (for tests and benchmarks).
    public private(set) var packsWritten = 0

    private let packBytes: Int

    public init(_ repository: Repository, packBytes: Int = BlobBatch.packBytes) throws {
        self.repository = repository
        self.packBytes = packBytes
        deflater = try Deflater()
    }

    /// The id of `bytes` as a blob, which is written by `finish` at the latest.
    public func add(_ bytes: [UInt8]) throws -> ObjectID {
        let id = try Repository.blobID(of: bytes)
        guard added.insert(id).inserted else { return id }
        if pack != nil {
            // In place: a copy of the pack (`if var pack`) would copy its bytes for every blob.
            try pack?.append(bytes, id: id)
            if let size = pack?.bytes.count, size >= packBytes { try writePack() }
            return id
        }
        held.append((id, bytes))
        heldBytes += bytes.count
        if held.count >= Self.packFrom || heldBytes >= packBytes {
            pack = BlobPack(deflater: deflater)
            for blob in held { try pack?.append(blob.bytes, id: blob.id) }
            held = []
            heldBytes = 0
        }
        return id
    }

    /// Writes what is not written yet: the pack begun, or the few blobs held, loose.
    public func finish() throws {
        for blob in held { _ = try repository.writeBlob(blob.bytes) }
        held = []
        heldBytes = 0
        try writePack()
    }

    private func writePack() throws {
        guard var current = pack, current.count > 0 else { return }
        pack = nil
        let (bytes, index, checksum) = try current.finish()
        try repository.installPack(bytes, index: index, checksum: checksum)
        pack = BlobPack(deflater: deflater)
        added = []
        packsWritten += 1
    }
}
