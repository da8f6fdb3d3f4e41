import ClusterConfig
import Foundation
import GitStore
import Posix
import Validation

/// Reads the live managed files under a root into a `ManagedTree`, hashing only files whose
/// stat data changed since the previous scan, and records the stat cache for the next one.
/// A large walk lists its directories on several threads (`LiveWalk`); the files are then
/// added on the calling thread, the only one that touches the repository and `Ownership`.
final class LiveScanner {
    let root: String
    let repository: Repository
    /// The content of changed files goes here: one pack for many, loose for a few. Written
    /// out before the scan returns, so that every id in the result names a stored blob.
    private let blobs: BlobBatch
    /// The cache as loaded: the previous scan's files. `finish` moves it into the new cache.
    private(set) var previous: StatCache
    /// At most this many threads list the directories of a walk of `parallelFiles` files or more.
    let threads: Int
    /// When this scan began: files hashed now are racily clean if modified since.
    private let scanStartedNanos: Int64
    private let ownership = Ownership()
    /// The files found, by the walk's paths (normalized: joined from directory listings).
    private var files: [ManagedPath: ManagedFile] = [:]
    /// Files whose stat data or content differ from the previous scan's, or that it lacked.
    private var hashed: [ManagedPath: StatCache.Entry] = [:]
    /// How the files differ from the previous scan's, but for owner and group names.
    private var changesSincePrevious: [FileChange] = []
    /// How many scanned paths the previous scan had.
    private var previousSeen = 0
    /// Regular files over `FileSizeLimit`, with their sizes: not read, not in the tree.
    private var oversized: [ManagedPath: Int] = [:]

    /// Changed content is always written to the object database (unreferenced objects are
    /// harmless), so a cached blob id always names an object the repository has.
    init(root: String, repository: Repository, cache: StatCache, threads: Int = LiveScanner.defaultThreads) throws {
        self.root = root
        self.repository = repository
        blobs = try BlobBatch(repository)
        previous = cache
        self.threads = threads
        scanStartedNanos = Self.nowNanos()
        files.reserveCapacity(cache.entries.count)
    }

    /// Threads for a large walk: Dispatch runs no more at once than there are cores.
    static let defaultThreads = 4

    /// A walk the previous scan counted fewer files for stays on one thread: up to about 200
    /// files, a second thread costs what it saves.
    static let parallelFiles = 300

    /// Every live file `host` manages per `cluster`, plus the cluster file. With `changed`
    /// (see `KeptScan`), only those paths are looked at, and the cache's racily clean files;
    /// every other file is the previous scan's.
    func scanManaged(
        cluster: ClusterConfig, host: String, clusterFile: String, changed: Set<ManagedPath>? = nil,
        keeping kept: [ManagedPath: ManagedFile] = [:], racy: Set<ManagedPath> = []
    ) throws -> LiveScan {
        let matcher = cluster.managedMatcher(forHost: host)
        let isManaged: @Sendable (ManagedPath) -> Bool = { matcher($0.managed) }
        if let changed {
            try walk(keeping: kept, changed: changed, racy: racy, isManaged: isManaged)
        } else {
            // The static prefixes of the include patterns: absolute, normalized, "/" at most.
            try walk(cluster.walkRoots(forHost: host).map(ManagedPath.init(unchecked:)), isManaged: isManaged)
        }
        var st = stat()
        let clusterPath = ManagedPath(unchecked: clusterFile)
        if files[clusterPath] == nil, lstat(clusterPath.live(root: root), &st) == 0 {
            try scanPath(clusterPath)
        }
        try blobs.finish()
        return finish()
    }

    /// Adds the managed files under `roots`. The lister shares the previous entries only
    /// until this returns, so that `finish` can take them over without a copy.
    private func walk(_ roots: [ManagedPath], isManaged: @escaping @Sendable (ManagedPath) -> Bool, threads: Int? = nil) throws {
        let lister = DirectoryLister(root: root, previous: previous.entries, isManaged: isManaged)
        let threads = threads ?? (previous.entries.count < Self.parallelFiles ? 1 : self.threads)
        try LiveWalk(roots: roots, lister: lister, threads: threads).forEachFile(add)
    }

    /// The previous scan's files (`kept`, with their cache entries in `previous`) but those
    /// under a `changed` path (or equal to one) and the `racy` ones, which are looked at
    /// again (a directory with everything below it).
    private func walk(
        keeping kept: [ManagedPath: ManagedFile], changed: Set<ManagedPath>, racy: Set<ManagedPath>,
        isManaged: @escaping @Sendable (ManagedPath) -> Bool
    ) throws {
        ownership.seed(users: previous.userNames, groups: previous.groupNames)
        // A changed file the previous scan had is covered by name; anything else (a new
        // path, a directory) covers what is below it.
        var covered = Set<ManagedPath>()
        var below: [ManagedPath] = []
        for path in changed {
            if previous.entries[path] != nil { covered.insert(path) } else { below.append(path) }
        }
        if !below.isEmpty {
            for path in previous.entries.keys where below.contains(where: { path.isBelow($0) }) { covered.insert(path) }
        }
        files = kept
        for path in covered.union(racy) { files.removeValue(forKey: path) }
        previousSeen = files.count
        let sorted = changed.sorted()
        let outermost = sorted.filter { path in !sorted.contains { path.isBelow($0) } }
        try walk(outermost + racy.subtracting(covered).sorted(), isManaged: isManaged, threads: 1)
    }

    /// Snapshots `paths`; a path that vanished meanwhile is left out.
    func scan(_ paths: [ManagedPath]) throws -> ManagedTree {
        for path in paths { try scanPath(path) }
        try blobs.finish()
        return ManagedTree(files: files)
    }

    private func scanPath(_ path: ManagedPath) throws {
        let live = path.live(root: root)
        var st = stat()
        guard lstat(live, &st) == 0 else {
            if errno == ENOENT { return }
            throw DirectorError.system("stat", live)
        }
        try add(path, st)
    }

    /// Adds the file at `path` (a regular file or link; anything else is skipped) with its
    /// stat data `st`.
    func add(_ path: ManagedPath, _ st: stat) throws {
        guard let found = FoundFile(path: path, st, previous: previous.entries) else { return }
        try add(found)
    }

    /// Adds a file, reusing the previous blob id when the stat data still match. A path seen
    /// again (it cannot be, walk roots do not nest) is not counted twice.
    func add(_ found: FoundFile) throws {
        let (key, old) = (found.key, found.old)
        if key.fileMode != .symlink, key.size > FileSizeLimit.maxBytes {
            oversized[found.path] = Int(key.size)
            return
        }
        let path = found.path
        let reused = old.flatMap { $0.key == key && !$0.isRacy ? $0.blob : nil }
        let blob: ObjectID
        if let reused {
            blob = reused
        } else {
            let live = path.live(root: root)
            blob = try blobs.add(key.fileMode == .symlink ? try readLink(live) : try DirectorError.translating { try WholeFile.read(live) })
        }
        let file = ManagedFile(
            entry: TreeEntry(id: blob, mode: key.fileMode),
            attributes: FileAttributes(
                mode: key.permissions, owner: ownership.userName(key.uid), group: ownership.groupName(key.gid)))
        guard files.updateValue(file, forKey: path) == nil else { return }
        if old != nil { previousSeen += 1 }
        // A reused entry has the same blob, mode and ids: only names could differ (see `finish`).
        guard reused == nil else { return }
        hashed[path] = StatCache.Entry(key: key, blob: blob, scanStartedNanos: scanStartedNanos)
        let before = old.map(previous.file)
        if before != file { changesSincePrevious.append(FileChange(path: path, old: before, new: file)) }
    }

    /// The scan's result, with the files the previous scan had and this one did not. Everything
    /// read from the previous cache is read first; then its entries become the new cache's
    /// (changed in place: copying 10,000 entries costs more than the rest of this).
    private func finish() -> LiveScan {
        let vanished = previousSeen < previous.entries.count
            ? previous.entries.keys.filter { files[$0] == nil } : []
        let namesChanged = ownership.users != previous.userNames || ownership.groups != previous.groupNames
        var changes = changesSincePrevious
        if namesChanged {
            changes = files.compactMap { path, file in
                let old = previous.file(at: path)
                return old == file ? nil : FileChange(path: path, old: old, new: file)
            }
        }
        changes += vanished.compactMap { path in previous.file(at: path).map { FileChange(path: path, old: $0, new: nil) } }
        changes.sort { $0.path < $1.path }
        let previousTree = previous.snapshotTree

        var cache = previous
        previous = StatCache()
        cache.startScan(at: scanStartedNanos)
        cache.userNames = ownership.users
        cache.groupNames = ownership.groups
        for (path, entry) in hashed { cache.keep(path, entry) }
        for path in vanished { cache.remove(path) }
        cache.snapshotTree = changes.isEmpty ? previousTree : nil
        let scan = LiveScan(
            tree: ManagedTree(files: files), changesSincePrevious: changes, previousTree: previousTree,
            cache: cache, entriesChanged: !hashed.isEmpty || !vanished.isEmpty || namesChanged, oversized: oversized)
        scan.racy = Set(hashed.filter { $0.value.isRacy }.keys)
        return scan
    }

    private func readLink(_ live: String) throws -> [UInt8] {
        var buffer = [Int8](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink(live, &buffer, buffer.count - 1)
        guard n >= 0 else { throw DirectorError.system("read link", live) }
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
