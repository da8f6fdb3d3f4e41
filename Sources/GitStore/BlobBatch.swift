/// New blobs written together: as one pack when there are many (a first commit of 10,000
/// files wrote 10,000 loose objects, each a temp file, a link and an unlink: most of the
/// commit's time), loose as `writeBlob` writes them when there are few, so that small commits
/// do not pile up packs.
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
    private var held: [[UInt8]] = []
    private var heldBytes = 0
    private var pack: BlobPack?
    /// Ids added since the last pack was written, so that the same content goes in once.
    private var added: Set<ObjectID> = []
    /// Packs written so far (for tests and benchmarks).
    public private(set) var packsWritten = 0

    public init(_ repository: Repository) throws {
        self.repository = repository
        deflater = try Deflater()
    }

    /// The id of `bytes` as a blob, which is written by `finish` at the latest.
    public func add(_ bytes: [UInt8]) throws -> ObjectID {
        let id = try Repository.blobID(of: bytes)
        guard added.insert(id).inserted else { return id }
        if var pack {
            try pack.append(bytes)
            self.pack = pack
            if pack.bytes.count >= Self.packBytes { try writePack() }
            return id
        }
        held.append(bytes)
        heldBytes += bytes.count
        if held.count >= Self.packFrom || heldBytes >= Self.packBytes {
            var pack = BlobPack(deflater: deflater)
            for blob in held { try pack.append(blob) }
            held = []
            heldBytes = 0
            self.pack = pack
        }
        return id
    }

    /// Writes what is not written yet: the pack begun, or the few blobs held, loose.
    public func finish() throws {
        for blob in held { _ = try repository.writeBlob(blob) }
        held = []
        heldBytes = 0
        try writePack()
    }

    private func writePack() throws {
        guard let pack, pack.count > 0 else { return }
        try repository.receivePack(try pack.finished())
        self.pack = BlobPack(deflater: deflater)
        added = []
        packsWritten += 1
    }
}
