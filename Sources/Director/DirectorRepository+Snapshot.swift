import Diagnostics
import GitStore
import Posix
import Validation

extension DirectorRepository {
    /// Snapshots the live managed files. Cluster-file errors come back as diagnostics
    /// (nothing can be snapshotted reliably from a broken cluster file).
    public func snapshotLive() throws -> (tree: ManagedTree, diagnostics: [Diagnostic]) {
        let (scan, diagnostics) = try scanLive()
        if let scan { saveStatCache(of: scan) }
        return (scan?.tree ?? ManagedTree(), diagnostics)
    }

    /// What differs between the live files and the last commit.
    public func status() throws -> (changes: [FileChange], diagnostics: [Diagnostic]) {
        let (scan, diagnostics) = try scanLive()
        let head = try head()
        guard let scan else { return (try tree(of: head).changes(to: ManagedTree()), diagnostics) }
        let changes = try changes(from: head, to: scan)
        saveStatCache(of: scan)
        return (changes, diagnostics)
    }

    /// The changes from `head` to the scanned files. The head's tree is read only when the stat
    /// cache cannot vouch for it; finding no change teaches the cache the head's tree.
    func changes(from head: Commit?, to scan: LiveScan) throws -> [FileChange] {
        let changes = try scan.changes(fromHeadTree: head?.tree) ?? tree(of: head).changes(to: scan.tree)
        if changes.isEmpty, let head { scan.matched(tree: head.tree) }
        return changes
    }

    /// Scans the live managed files against the stat cache. No scan (nil) when the cluster file
    /// has errors or does not name this host: the diagnostics say why.
    /// With `kept` and `changed`, only the changed paths are looked at when `kept` holds the
    /// cache of a scan of the same managed set (see `KeptScan`).
    func scanLive(kept: KeptScan? = nil, changed: Set<ManagedPath>? = nil) throws -> (scan: LiveScan?, diagnostics: [Diagnostic]) {
        let (cluster, diagnostics) = try liveCluster()
        if diagnostics.hasErrors { return (nil, diagnostics) }
        guard !cluster.groups(containing: settings.host).isEmpty else {
            let location = SourceLocation(path: RootPath.live(settings.clusterFile, root: root), line: 0)
            return (nil, diagnostics + [.error(
                "host '\(settings.host)' is in no group of the cluster file; add it to a group's 'host' line",
                at: location)])
        }
        let managedSet = kept == nil ? nil : cluster.managedSetSignature(forHost: settings.host)
        let scan: LiveScan
        if let kept, let changed, kept.managedSet == managedSet, let (cache, files) = kept.take() {
            let scanner = try LiveScanner(root: root, repository: repository, cache: cache)
            scan = try scanner.scanManaged(
                cluster: cluster, host: settings.host, clusterFile: settings.clusterFile,
                changed: changed.union(kept.oversized), keeping: files, racy: kept.racy)
        } else {
            let scanner = try LiveScanner(root: root, repository: repository, cache: loadStatCache())
            scan = try scanner.scanManaged(cluster: cluster, host: settings.host, clusterFile: settings.clusterFile)
        }
        scan.managedSet = managedSet
        let tooLarge = scan.oversized.sorted { $0.key < $1.key }.compactMap { path, size in
            FileSizeLimit.problem(size: size).map {
                Diagnostic.error(
                    "\($0); keep it out of the managed files with an 'exclude' line in the cluster file",
                    at: SourceLocation(path: path.live(root: root), line: 0))
            }
        }
        return (scan, diagnostics + tooLarge)
    }
}
