import Foundation
import GitStore

/// What `lstat` said about a file when its blob id was last computed, so a commit of a
/// 10,000-file tree with one change hashes one file, not 10,000 (git's index does the same).
///
/// Size, nanosecond mtime and ctime, inode, mode and owner must all match for the cached id
/// to be reused: a same-size edit within the same second still changes mtime/ctime in ns.
/// An entry whose mtime is not older than the scan that recorded it is "racily clean"
/// (the file could change again within the clock's resolution) and is always rehashed.
struct StatCache {
    struct Key: Hashable {
        var size: Int64
        var mtimeNanos: Int64
        var ctimeNanos: Int64
        var inode: UInt64
        var mode: UInt32
        var uid: UInt32
        var gid: UInt32
    }

    struct Entry {
        var key: Key
        var blob: ObjectID
    }

    private(set) var entries: [String: Entry] = [:]
    /// When the scan that recorded these entries started (ns since the epoch).
    private(set) var scanStartedNanos: Int64 = 0

    static let magic = "confsync-stat-cache 1"

    static func path(in repository: String) -> String { repository + "/confsync/stat-cache" }

    /// The cached blob id for `path` if its stat data still match and it was not racily clean.
    func blob(for path: String, key: Key) -> ObjectID? {
        guard let entry = entries[path], entry.key == key, key.mtimeNanos < scanStartedNanos else { return nil }
        return entry.blob
    }

    mutating func record(_ path: String, key: Key, blob: ObjectID) {
        entries[path] = Entry(key: key, blob: blob)
    }

    mutating func startScan(at nanos: Int64) {
        scanStartedNanos = nanos
    }

    /// Loads the cache; a missing or unreadable cache is an empty one (everything is rehashed).
    static func load(repository: String) -> StatCache {
        var cache = StatCache()
        guard let bytes = try? PosixFile.read(path(in: repository)) else { return cache }
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true)
        guard let first = lines.first, first.hasPrefix(magic + " "),
              let started = Int64(first.dropFirst(magic.count + 1))
        else { return cache }
        cache.scanStartedNanos = started
        cache.entries.reserveCapacity(lines.count)
        for line in lines.dropFirst() {
            let f = line.split(separator: "\t", maxSplits: 8, omittingEmptySubsequences: false)
            guard f.count == 9, let size = Int64(f[0]), let mtime = Int64(f[1]), let ctime = Int64(f[2]),
                  let inode = UInt64(f[3]), let mode = UInt32(f[4]), let uid = UInt32(f[5]),
                  let gid = UInt32(f[6]), let blob = ObjectID(hex: String(f[7]))
            else { continue }
            let key = Key(size: size, mtimeNanos: mtime, ctimeNanos: ctime, inode: inode, mode: mode, uid: uid, gid: gid)
            cache.entries[String(f[8])] = Entry(key: key, blob: blob)
        }
        return cache
    }

    /// Saves atomically. Failing to save only costs rehashing next time, so errors are ignored
    /// by callers that do not care.
    func save(repository: String) throws {
        var text = "\(Self.magic) \(scanStartedNanos)\n"
        text.reserveCapacity(entries.count * 100)
        for (path, e) in entries {
            let k = e.key
            text += "\(k.size)\t\(k.mtimeNanos)\t\(k.ctimeNanos)\t\(k.inode)\t\(k.mode)\t\(k.uid)\t\(k.gid)\t\(e.blob.hex)\t\(path)\n"
        }
        try PosixFile.writeAtomically(Array(text.utf8), to: Self.path(in: repository), mode: 0o644, uid: nil, gid: nil)
    }
}

extension StatCache.Key {
    init(_ st: stat) {
        self.init(
            size: Int64(st.st_size),
            mtimeNanos: Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec),
            ctimeNanos: Int64(st.st_ctim.tv_sec) * 1_000_000_000 + Int64(st.st_ctim.tv_nsec),
            inode: UInt64(st.st_ino), mode: UInt32(st.st_mode), uid: UInt32(st.st_uid), gid: UInt32(st.st_gid))
    }
}
