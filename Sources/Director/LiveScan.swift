import GitStore
import Posix

/// One scan of the live managed files, compared with the previous scan (the stat cache as
/// loaded), and the stat cache to save for the next one.
final class LiveScan {
    /// The live files.
    let tree: ManagedTree
    /// How the live files differ from the previous scan's, sorted by path.
    let changesSincePrevious: [FileChange]
    /// A tree known to hold exactly the previous scan's files.
    let previousTree: StatCache.SnapshotTree?
    /// The cache for the next scan.
    private(set) var cache: StatCache
    /// Whether the cache's entries or names differ from the loaded ones.
    let entriesChanged: Bool
    /// Managed regular files too large to deploy (`FileSizeLimit`), with their sizes; left
    /// out of `tree`.
    let oversized: [ManagedPath: Int]
    /// The managed set the scan was made for, when it is to be kept (`KeptScan`).
    var managedSet: String?

    /// Keeps this scan's final cache in `kept`, for a scan of only the changed paths next.
    func keep(in kept: KeptScan?) {
        guard let kept else { return }
        kept.cache = cache
        kept.files = tree.files
        kept.racy = racy
        kept.managedSet = managedSet
        kept.oversized = Set(oversized.keys)
    }

    /// The files this scan hashed that its cache holds as racily clean (the only ones: a
    /// racily clean entry is never reused, so every one is hashed again).
    var racy: Set<ManagedPath> = []

    init(
        tree: ManagedTree, changesSincePrevious: [FileChange], previousTree: StatCache.SnapshotTree?,
        cache: StatCache, entriesChanged: Bool, oversized: [ManagedPath: Int] = [:]
    ) {
        self.oversized = oversized
        self.tree = tree
        self.changesSincePrevious = changesSincePrevious
        self.previousTree = previousTree
        self.cache = cache
        self.entriesChanged = entriesChanged
    }

    /// The changes from a head with tree `headTree` to the live files when the stat cache can
    /// tell without reading the head's tree (the previous scan's files are the head's); nil
    /// when the head's tree must be read.
    func changes(fromHeadTree headTree: ObjectID?) -> [FileChange]? {
        guard let headTree, previousTree?.id == headTree else { return nil }
        return changesSincePrevious
    }

    /// Whether the head's tree can be updated in place to write the live files: it is what
    /// `ManagedTree.write` wrote for the previous scan's files.
    func canUpdate(headTree: ObjectID) -> Bool {
        previousTree == StatCache.SnapshotTree(id: headTree, isWritten: true)
    }

    /// Notes that the live files are exactly those of tree `id` (a comparison found no change).
    func matched(tree id: ObjectID) {
        if cache.snapshotTree?.id != id { cache.snapshotTree = StatCache.SnapshotTree(id: id, isWritten: false) }
    }

    /// Notes that a commit wrote tree `id` for exactly the live files.
    func wrote(tree id: ObjectID) {
        cache.snapshotTree = StatCache.SnapshotTree(id: id, isWritten: true)
    }

    /// The cache to save, when it changed.
    var changedCache: StatCache? {
        entriesChanged || cache.snapshotTree != previousTree ? cache : nil
    }
}
