import ClusterConfig
import Foundation
import GitStore
import Validation

/// Reads the live managed files under a root into a `ManagedTree`, hashing only files whose
/// stat data changed since the previous scan, and records the stat cache for the next one.
/// Each file is stat'ed once, relative to its directory's descriptor while walking.
final class LiveScanner {
    let root: String
    let repository: Repository
    /// The cache as loaded: the previous scan's files.
    let previous: StatCache
    /// The cache this scan records.
    private(set) var cache: StatCache
    private let ownership = Ownership()
    private var files: [String: ManagedFile] = [:]
    private var changesSincePrevious: [FileChange] = []
    /// How many scanned paths the previous scan had, and how many files were hashed.
    private var previousSeen = 0
    private var hashed = 0

    /// Changed content is always written to the object database (unreferenced objects are
    /// harmless), so a cached blob id always names an object the repository has.
    init(root: String, repository: Repository, cache: StatCache) {
        self.root = root
        self.repository = repository
        previous = cache
        self.cache = StatCache()
        self.cache.startScan(at: Self.nowNanos())
        self.cache.reserveCapacity(cache.entries.count)
        files.reserveCapacity(cache.entries.count)
    }

    /// Every live file `host` manages per `cluster`, plus the cluster file.
    func scanManaged(cluster: ClusterConfig, host: String, clusterFile: String) throws -> LiveScan {
        for walkRoot in Set(cluster.walkRoots(forHost: host)) {
            try scanTree(walkRoot) { cluster.isManaged($0, forHost: host) }
        }
        var st = stat()
        if files[clusterFile] == nil, lstat(RootPath.display(clusterFile, root: root), &st) == 0 {
            try scanPath(clusterFile)
        }
        return finish()
    }

    /// Snapshots `paths` (absolute); a path that vanished meanwhile is left out.
    func scan(_ paths: [String]) throws -> ManagedTree {
        for path in paths { try scanPath(path) }
        return ManagedTree(files: files)
    }

    private func scanPath(_ path: String) throws {
        let live = RootPath.display(path, root: root)
        var st = stat()
        guard lstat(live, &st) == 0 else {
            if errno == ENOENT { return }
            throw PosixFile.errnoError("cannot stat \(live)")
        }
        try add(path, st)
    }

    /// Adds the file at `path` (a regular file or link; anything else is skipped) with its
    /// stat data `st`, reusing the previous blob id when the stat data still match.
    func add(_ path: String, _ st: stat) throws {
        let type = st.st_mode & S_IFMT
        guard type == S_IFREG || type == S_IFLNK, files[path] == nil else { return }
        let key = StatCache.Key(st)
        let old = previous.entries[path]
        let blob: ObjectID
        if let old, old.key == key, !old.isRacy {
            blob = old.blob
            cache.keep(path, old)
        } else {
            let live = RootPath.display(path, root: root)
            blob = try repository.writeBlob(type == S_IFLNK ? try readLink(live) : try PosixFile.read(live))
            cache.record(path, key: key, blob: blob)
            hashed += 1
        }
        let file = ManagedFile(
            entry: TreeEntry(id: blob, mode: key.fileMode),
            attributes: FileAttributes(
                mode: key.permissions, owner: ownership.userName(st.st_uid), group: ownership.groupName(st.st_gid)))
        files[path] = file
        let before = old.map(previous.file)
        if before != nil { previousSeen += 1 }
        if before != file { changesSincePrevious.append(FileChange(path: path, old: before, new: file)) }
    }

    /// The scan's result, with the files the previous scan had and this one did not.
    private func finish() -> LiveScan {
        if previousSeen < previous.entries.count {
            for (path, entry) in previous.entries where files[path] == nil {
                changesSincePrevious.append(FileChange(path: path, old: previous.file(entry), new: nil))
            }
        }
        changesSincePrevious.sort { $0.path < $1.path }
        var cache = self.cache
        cache.userNames = ownership.users
        cache.groupNames = ownership.groups
        cache.snapshotTree = changesSincePrevious.isEmpty ? previous.snapshotTree : nil
        let entriesChanged = hashed > 0 || previousSeen != previous.entries.count
            || cache.userNames != previous.userNames || cache.groupNames != previous.groupNames
        return LiveScan(
            tree: ManagedTree(files: files), changesSincePrevious: changesSincePrevious,
            previousTree: previous.snapshotTree, cache: cache, entriesChanged: entriesChanged)
    }

    private func readLink(_ live: String) throws -> [UInt8] {
        var buffer = [Int8](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink(live, &buffer, buffer.count - 1)
        guard n >= 0 else { throw PosixFile.errnoError("cannot read link \(live)") }
        return buffer.prefix(n).map { UInt8(bitPattern: $0) }
    }

    /// Now on the coarse clock the kernel stamps files with, so that a file changed after the
    /// scan began never gets an mtime before it (the racy-clean rule relies on that).
    static func nowNanos() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME_COARSE, &ts)
        return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
    }
}
