import CGit2
import Posix

extension Repository {
    /// A pack (git pack format) holding every object reachable from the commits in
    /// `including` but not from those in `excluding`. Excluded ids unknown here are ignored,
    /// so a peer may name commits this repository never had.
    public func pack(including: [ObjectID], excluding: [ObjectID]) throws -> [UInt8] {
        let context = "packing \(including.count) commit(s)"
        let builder = try Owned.make(context, release: git_packbuilder_free) { git_packbuilder_new(&$0, pointer) }
        let walk = try Owned.make(context, release: git_revwalk_free) { git_revwalk_new(&$0, pointer) }
        for id in including {
            var oid = id.oid
            try check(walk.use { git_revwalk_push($0, &oid) }, "\(context): including \(id)")
        }
        for id in excluding where contains(id) {
            var oid = id.oid
            try check(walk.use { git_revwalk_hide($0, &oid) }, "\(context): excluding \(id)")
        }
        let rc = builder.use { builder in walk.use { git_packbuilder_insert_walk(builder, $0) } }
        try check(rc, context)
        return try bufferBytes(context) { buffer in builder.use { git_packbuilder_write_buf(&buffer, $0) } }
    }

    /// Indexes a pack made by `pack(including:excluding:)` (or any git pack) into the object
    /// database; its objects are readable at once.
    public func receivePack(_ bytes: [UInt8]) throws {
        let context = "receiving a pack of \(bytes.count) bytes"
        let odb = try Owned.make(context, release: git_odb_free) { git_repository_odb(&$0, pointer) }
        let writer = try Owned<UnsafeMutablePointer<git_odb_writepack>>.make(
            context, release: { $0.pointee.free?($0) },
            { out in odb.use { git_odb_write_pack(&out, $0, nil, nil) } })
        var progress = git_indexer_progress()
        try writer.use { writer in
            guard let append = writer.pointee.append, let commit = writer.pointee.commit else {
                throw GitError(.other, "\(context): the object database cannot write packs")
            }
            try check(bytes.withUnsafeBytes { append(writer, $0.baseAddress, $0.count, &progress) }, context)
            try check(commit(writer, &progress), "\(context): indexing")
        }
    }
}

extension Repository {
    /// Adds a pack and its index, both already made (`BlobPack`), to the object database: each
    /// written under a temporary name and renamed, the index last (a pack counts once its
    /// index is there, as with `git index-pack`); then the database looks again. Not synced,
    /// as libgit2 does not sync the loose objects it writes.
    func installPack(_ pack: [UInt8], index: [UInt8], checksum: [UInt8]) throws {
        let name = path + (path.hasSuffix("/") ? "" : "/") + "objects/pack/pack-" + ObjectID(bytes: checksum).hex
        do {
            try WholeFile.write(pack, to: name + ".pack", mode: 0o444, durable: false, creatingDirectories: false)
            try WholeFile.write(index, to: name + ".idx", mode: 0o444, durable: false, creatingDirectories: false)
        } catch {
            throw GitError(.io, "writing \(name).pack: \(error)")
        }
        let odb = try Owned.make("opening object database", release: git_odb_free) { git_repository_odb(&$0, pointer) }
        try check(odb.use { git_odb_refresh($0) }, "reading the object database again after adding \(name).pack")
    }
}
