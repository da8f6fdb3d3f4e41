import ClusterConfig
import Foundation
import GitStore
import Validation

/// Reads the live managed files under a root into a `ManagedTree`, hashing only files whose
/// stat data changed since the last scan.
final class LiveScanner {
    let root: String
    let repository: Repository
    private(set) var cache: StatCache
    private let ownership = Ownership()

    /// Changed content is always written to the object database (unreferenced objects are
    /// harmless), so a cached blob id always names an object the repository has.
    init(root: String, repository: Repository, cache: StatCache) {
        self.root = root
        self.repository = repository
        self.cache = cache
    }

    /// The absolute paths of every live file `host` manages per `cluster`, plus the cluster file.
    func managedPaths(cluster: ClusterConfig, host: String, clusterFile: String) -> [String] {
        var found = Set<String>()
        for walkRoot in Set(cluster.walkRoots(forHost: host)) {
            walk(walkRoot) { path in
                if cluster.isManaged(path, forHost: host) { found.insert(path) }
            }
        }
        if exists(clusterFile) { found.insert(clusterFile) }
        return found.sorted()
    }

    /// Snapshots `paths` (absolute); a path that vanished meanwhile is left out.
    func scan(_ paths: [String]) throws -> ManagedTree {
        cache.startScan(at: Self.nowNanos())
        var files: [String: ManagedFile] = [:]
        files.reserveCapacity(paths.count)
        for path in paths {
            if let file = try scanOne(path) { files[path] = file }
        }
        return ManagedTree(files: files)
    }

    private func scanOne(_ path: String) throws -> ManagedFile? {
        let live = RootPath.display(path, root: root)
        var st = stat()
        guard lstat(live, &st) == 0 else {
            if errno == ENOENT { return nil }
            throw PosixFile.errnoError("cannot stat \(live)")
        }
        let type = st.st_mode & S_IFMT
        guard type == S_IFREG || type == S_IFLNK else { return nil }
        let key = StatCache.Key(st)
        let mode: FileMode = type == S_IFLNK ? .symlink : (st.st_mode & 0o111 != 0 ? .executable : .blob)
        let blob: ObjectID
        if let cached = cache.blob(for: path, key: key) {
            blob = cached
        } else {
            let content = type == S_IFLNK ? try readLink(live) : try PosixFile.read(live)
            blob = try repository.writeBlob(content)
            cache.record(path, key: key, blob: blob)
        }
        let attributes = FileAttributes(
            mode: UInt32(st.st_mode & 0o7777), owner: ownership.userName(st.st_uid),
            group: ownership.groupName(st.st_gid))
        return ManagedFile(entry: TreeEntry(id: blob, mode: mode), attributes: attributes)
    }

    private func readLink(_ live: String) throws -> [UInt8] {
        var buffer = [Int8](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink(live, &buffer, buffer.count - 1)
        guard n >= 0 else { throw PosixFile.errnoError("cannot read link \(live)") }
        return buffer.prefix(n).map { UInt8(bitPattern: $0) }
    }

    private func exists(_ path: String) -> Bool {
        var st = stat()
        return lstat(RootPath.display(path, root: root), &st) == 0
    }

    /// Calls `visit` with the absolute path of every regular file or link at or below `path`.
    private func walk(_ path: String, _ visit: (String) -> Void) {
        var st = stat()
        let live = RootPath.display(path, root: root)
        guard lstat(live, &st) == 0 else { return }
        let type = st.st_mode & S_IFMT
        if type == S_IFREG || type == S_IFLNK {
            visit(path)
            return
        }
        guard type == S_IFDIR, let dir = opendir(live) else { return }
        defer { closedir(dir) }
        let base = path == "/" ? "" : path
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." || name.hasPrefix(".confsync-tmp-") { continue }
            walk(base + "/" + name, visit)
        }
    }

    static func nowNanos() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
    }
}
