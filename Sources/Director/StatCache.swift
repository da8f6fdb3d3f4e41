import Foundation
import GitStore
import Posix

/// What `lstat` said about each managed file when its blob id was last computed, so a commit of
/// a 10,000-file tree with one change hashes one file, not 10,000 (git's index does the same).
///
/// Size, nanosecond mtime and ctime, inode, mode and owner must all match for the cached id
/// to be reused: a same-size edit within the same second still changes mtime/ctime in ns.
/// An entry whose mtime is not older than the scan that recorded it is "racily clean"
/// (the file could change again within the clock's resolution) and is always rehashed.
///
/// The entries are the last scan's snapshot: with the owner and group names of their ids they
/// give each file as a commit records it. `snapshotTree`, when known, is a tree holding exactly
/// those files, so a scan that finds them unchanged need not read the head's tree to compare.
struct StatCache: Sendable {
    struct Key: Hashable, Sendable {
        var size: Int64
        var mtimeNanos: Int64
        var ctimeNanos: Int64
        var inode: UInt64
        var mode: UInt32
        var uid: UInt32
        var gid: UInt32
    }

    struct Entry: Equatable, Sendable {
        var key: Key
        var blob: ObjectID
        /// Modified no earlier than the scan that recorded it began: never reused.
        var isRacy: Bool

        init(key: Key, blob: ObjectID, isRacy: Bool) {
            self.key = key
            self.blob = blob
            self.isRacy = isRacy
        }

        /// A file hashed by the scan that began at `scanStartedNanos`.
        init(key: Key, blob: ObjectID, scanStartedNanos: Int64) {
            self.init(key: key, blob: blob, isRacy: key.mtimeNanos >= scanStartedNanos)
        }
    }

    /// A tree whose managed files (as `ManagedTree.read` gives them) are exactly the cached ones.
    struct SnapshotTree: Equatable, Sendable {
        var id: ObjectID
        /// The tree is what `ManagedTree.write` wrote for these files, so updating it in place
        /// gives what writing the changed files from scratch would.
        var isWritten: Bool
    }

    private(set) var entries: [ManagedPath: Entry] = [:]
    /// The owner names of the entries' uids, and the group names of their gids.
    var userNames: [UInt32: String] = [:]
    var groupNames: [UInt32: String] = [:]
    var snapshotTree: SnapshotTree?
    /// When the scan that recorded the newest entries started (ns since the epoch, on the
    /// coarse clock file timestamps come from).
    private(set) var scanStartedNanos: Int64 = 0

    static func path(in repository: String) -> String { repository + "/confsync/stat-cache" }

    /// The cached blob id for `path` if its stat data still match and it was not racily clean.
    func blob(for path: ManagedPath, key: Key) -> ObjectID? {
        guard let entry = entries[path], entry.key == key, !entry.isRacy else { return nil }
        return entry.blob
    }

    /// Records a freshly hashed file; racily clean if modified no earlier than the scan began.
    mutating func record(_ path: ManagedPath, key: Key, blob: ObjectID) {
        entries[path] = Entry(key: key, blob: blob, scanStartedNanos: scanStartedNanos)
    }

    /// Carries over an entry from an earlier cache (its file was not hashed again).
    mutating func keep(_ path: ManagedPath, _ entry: Entry) {
        entries[path] = entry
    }

    mutating func remove(_ path: ManagedPath) {
        entries[path] = nil
    }

    mutating func reserveCapacity(_ count: Int) {
        entries.reserveCapacity(count)
    }

    mutating func startScan(at nanos: Int64) {
        scanStartedNanos = nanos
    }

    /// The file `entry` stands for, as a commit records it.
    func file(_ entry: Entry) -> ManagedFile {
        let key = entry.key
        return ManagedFile(
            entry: TreeEntry(id: entry.blob, mode: key.fileMode),
            attributes: FileAttributes(
                mode: key.permissions, owner: userNames[key.uid] ?? String(key.uid),
                group: groupNames[key.gid] ?? String(key.gid)))
    }

    /// The file the snapshot holds at `path`, nil if none.
    func file(at path: ManagedPath) -> ManagedFile? {
        entries[path].map(file)
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

    /// The mode git keeps: link, executable (any execute bit) or regular.
    var fileMode: FileMode {
        if mode & UInt32(S_IFMT) == UInt32(S_IFLNK) { return .symlink }
        return mode & 0o111 != 0 ? .executable : .blob
    }

    /// The permission bits the attributes file keeps (0o7777 mask).
    var permissions: UInt32 { mode & 0o7777 }
}
