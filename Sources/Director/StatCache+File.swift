import GitStore
import Posix

/// The cache file, `<repo>/confsync/stat-cache`, little-endian binary:
///
///     magic "CSSTAT" + UInt16 version, UInt64 checksum of everything after it,
///     Int64 scan start, UInt8 snapshot tree kind (0 none, 1 same files, 2 written) + 20-byte id if not 0,
///     UInt32 count + (UInt32 uid, name) each, the same for gids,
///     UInt32 count + entries: Int64 size, mtime, ctime, UInt64 inode, UInt32 mode, uid, gid,
///                              UInt8 racy, 20-byte blob id, path (the managed form)
///
/// Strings are a UInt32 byte count and UTF-8. The file is read with one `read`.
extension StatCache {
    static let magic: [UInt8] = Array("CSSTAT".utf8) + [2, 0]
    private static let headerSize = 16

    /// Loads the cache; a missing, unreadable or damaged cache is an empty one (everything is
    /// rehashed, and the head's tree is read to compare).
    static func load(repository: String) -> StatCache {
        guard let bytes = try? WholeFile.read(path(in: repository)) else { return StatCache() }
        return bytes.withUnsafeBytes { decode($0) } ?? StatCache()
    }

    /// Saves atomically, without `fsync`: a cache lost in a crash only costs rehashing, and a
    /// damaged one fails its checksum. Callers that do not care ignore errors.
    func save(repository: String) throws {
        guard let bytes = encode() else { throw DirectorError(.io, "cannot encode the stat cache") }
        try DirectorError.translating {
            try WholeFile.write(bytes, to: Self.path(in: repository), mode: 0o644, durable: false)
        }
    }

    /// The file's bytes (nil would mean `encodedSize` and `write` disagree).
    func encode() -> [UInt8]? {
        guard var bytes = ByteSink.bytes(size: encodedSize, write) else { return nil }
        let checksum = bytes.withUnsafeBytes { Checksum.of(UnsafeRawBufferPointer(rebasing: $0[Self.headerSize...])) }
        withUnsafeBytes(of: checksum.littleEndian) { bytes.replaceSubrange(Self.magic.count..<Self.headerSize, with: $0) }
        return bytes
    }

    /// The number of bytes `write` appends.
    private var encodedSize: Int {
        let names = [userNames, groupNames].reduce(0) { total, names in
            total + 4 + names.values.reduce(0) { $0 + 8 + $1.utf8.count }
        }
        let entryFields = 8 * 4 + 4 * 3 + 1 + ObjectID.byteCount + 4
        let paths = entries.keys.reduce(0) { $0 + $1.managed.utf8.count }
        return Self.headerSize + 8 + 1 + (snapshotTree == nil ? 0 : ObjectID.byteCount) + names + 4
            + entries.count * entryFields + paths
    }

    private func write(to sink: inout ByteSink) {
        Self.magic.withUnsafeBytes { sink.append($0) }
        sink.append(UInt64(0))  // the checksum, filled in by `encode`
        sink.append(scanStartedNanos)
        if let tree = snapshotTree {
            sink.append(UInt8(tree.isWritten ? 2 : 1))
            sink.append(tree.id)
        } else {
            sink.append(UInt8(0))
        }
        for names in [userNames, groupNames] {
            sink.append(UInt32(names.count))
            for (id, name) in names {
                sink.append(id)
                sink.append(name)
            }
        }
        sink.append(UInt32(entries.count))
        for (path, entry) in entries {
            let key = entry.key
            sink.append(key.size)
            sink.append(key.mtimeNanos)
            sink.append(key.ctimeNanos)
            sink.append(key.inode)
            sink.append(key.mode)
            sink.append(key.uid)
            sink.append(key.gid)
            sink.append(UInt8(entry.isRacy ? 1 : 0))
            sink.append(entry.blob)
            sink.append(path.managed)
        }
    }

    /// The cache in `raw`, nil unless it is whole and consistent (every id has its name).
    static func decode(_ raw: UnsafeRawBufferPointer) -> StatCache? {
        guard raw.count >= headerSize, raw.prefix(magic.count).elementsEqual(magic) else { return nil }
        var source = ByteSource(raw, offset: magic.count)
        guard source.read(UInt64.self) == Checksum.of(UnsafeRawBufferPointer(rebasing: raw[headerSize...])),
            let started = source.read(Int64.self), let snapshotTree = readSnapshotTree(&source),
            let users = readNames(&source), let groups = readNames(&source),
            let count = source.read(UInt32.self)
        else { return nil }
        var cache = StatCache()
        cache.startScan(at: started)
        cache.userNames = users
        cache.groupNames = groups
        cache.snapshotTree = snapshotTree.tree
        cache.reserveCapacity(Int(count))
        var namedIDs: (uid: UInt32, gid: UInt32)?
        for _ in 0..<count {
            guard let size = source.read(Int64.self), let mtime = source.read(Int64.self),
                let ctime = source.read(Int64.self), let inode = source.read(UInt64.self),
                let mode = source.read(UInt32.self), let uid = source.read(UInt32.self),
                let gid = source.read(UInt32.self), let racy = source.read(UInt8.self),
                let blob = source.readID(), let path = source.readString()
            else { return nil }
            if namedIDs.map({ $0 != (uid, gid) }) ?? true {
                guard users[uid] != nil, groups[gid] != nil else { return nil }
                namedIDs = (uid, gid)
            }
            let key = Key(size: size, mtimeNanos: mtime, ctimeNanos: ctime, inode: inode, mode: mode, uid: uid, gid: gid)
            cache.keep(ManagedPath(unchecked: path), Entry(key: key, blob: blob, isRacy: racy != 0))
        }
        guard source.isAtEnd, cache.entries.count == Int(count) else { return nil }
        return cache
    }

    /// The snapshot tree field: `tree` is nil when the cache knows none; nil if malformed.
    private static func readSnapshotTree(_ source: inout ByteSource) -> SnapshotTreeField? {
        switch source.read(UInt8.self) {
        case 0: return SnapshotTreeField(tree: nil)
        case let kind? where kind <= 2: return source.readID().map { SnapshotTreeField(tree: SnapshotTree(id: $0, isWritten: kind == 2)) }
        default: return nil
        }
    }

    private struct SnapshotTreeField {
        var tree: SnapshotTree?
    }

    private static func readNames(_ source: inout ByteSource) -> [UInt32: String]? {
        guard let count = source.read(UInt32.self) else { return nil }
        var names: [UInt32: String] = [:]
        for _ in 0..<count {
            guard let id = source.read(UInt32.self), let name = source.readString() else { return nil }
            names[id] = name
        }
        return names
    }
}
