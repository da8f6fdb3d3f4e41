import Deploy
import Director
import Foundation
import Operations
import Posix
import Validation

/// What the service keeps between operations, so that a sync with nothing to do costs no
/// node traffic, and one with a change looks only at what changed and opens no connection:
/// - which live managed paths changed since a scan began (the watch's inotify events; an
///   overflow, a watched directory that went, or a watch that could not be set up means
///   "anything may have changed": the next scan is a whole one);
/// - that scan's stat cache (`KeptScan`), so that the next looks only at those paths;
/// - the commit every node had when a deploy last reached them all (`Settled`), believed
///   for `recheck` seconds at most: after that, or after anything the service did not do
///   itself could have moved the nodes (a command it ran for a caller), the nodes are asked;
/// - the node connections (`WarmSessions`).
/// None of it is the truth: a crash loses it, and the next sync scans everything and asks
/// the nodes again.
final class WarmState: @unchecked Sendable {
    /// Every node of the last deploy was at `head` then.
    struct Settled: Equatable, Sendable {
        var head: String
        var nodes: [String]
        var checked: Date
    }

    /// A scan about to start: its place in the changes, and the paths to look at (nil: all).
    struct ScanPlan {
        var start: Int
        var changed: Set<ManagedPath>?
    }

    /// How long a settled state is believed without asking the nodes.
    static let recheck: TimeInterval = 300

    let sessions = WarmSessions()
    let kept = KeptScan()
    private let root: String
    private let lock = NSLock()
    /// The watch and the live paths it watches; `covering` while it covers every managed
    /// directory (else nothing is known: never clean, every scan a whole one).
    private var inotify: Inotify?
    private var covering = false
    private var watched: [String] = []
    /// Live changes seen: each managed path's event, each (re)start or loss of the watch.
    private var generation = 0
    /// Managed paths changed, with the generation they last changed at.
    private var dirty: [ManagedPath: Int] = [:]
    /// The generation of the last (re)start or loss of the watch: a scan that began before
    /// it cannot be built on.
    private var wholeScanNeededAt = 0
    /// Where the last whole scan of the service began (its cache is `kept`), and when.
    private var wholeScanAt: Int?
    private var wholeScanTime = Date.distantPast
    /// A whole scan at least this often: what no event tells (an owner's name changed in
    /// /etc/passwd, say) is seen within it.
    static let wholeScanEvery: TimeInterval = 600
    /// The generation a scan last found every live file committed at.
    private var cleanGeneration: Int?
    /// Set when the watch lost track (overflow, a watched directory gone): the watch
    /// thread starts again.
    private var lost = false
    private var settled: Settled?
    private var targets: Set<String>?

    init(root: String) {
        self.root = root
    }

    // MARK: The watch

    /// The watch (re)started on `paths` (live), `covering` every managed directory or not.
    func watchStarted(_ inotify: Inotify?, covering: Bool, paths: [String]) {
        lock.withLock {
            self.inotify = inotify
            self.covering = covering && inotify != nil
            watched = paths
            generation += 1
            wholeScanNeededAt = generation
            dirty.removeAll()
            lost = false
        }
    }

    /// Reads the events queued now (without waiting) and notes the managed paths they name;
    /// whether one did. New directories are watched too. Called by the watch thread when
    /// events wait, and before every scan and answer, so that a change saved just before a
    /// request is never missed.
    func drain() -> Bool {
        lock.withLock { drainLocked() }
    }

    private func drainLocked() -> Bool {
        guard let inotify else { return false }
        var changed = false
        for event in inotify.readEvents() {
            if event.overflow {
                loseTrackLocked()
                changed = true
                continue
            }
            guard DirectorService.isManaged(event.path, under: watched) else { continue }
            // A new directory is watched too; one that cannot be (but is there) loses track.
            if event.isDirectory, !inotify.watch(event.path, recursive: true), access(event.path, F_OK) == 0 {
                loseTrackLocked()
            }
            generation += 1
            dirty[ManagedPath(unchecked: RootPath.strip(event.path, root: root))] = generation
            changed = true
        }
        return changed
    }

    private func loseTrackLocked() {
        generation += 1
        wholeScanNeededAt = generation
        covering = false
        lost = true
    }

    /// Whether the watch lost track and must start again (once).
    func takeLost() -> Bool {
        lock.withLock {
            defer { lost = false }
            return lost
        }
    }

    // MARK: Scans

    /// Before a scan of the live files: the paths it needs to look at, or nil for all (no
    /// whole scan since the watch started, or the watch is not complete).
    func planScan() -> ScanPlan {
        lock.withLock {
            _ = drainLocked()
            let canBuild = covering && (wholeScanAt.map { $0 >= wholeScanNeededAt } ?? false) && kept.isReady
                && Date().timeIntervalSince(wholeScanTime) < Self.wholeScanEvery
            return ScanPlan(start: generation, changed: canBuild ? Set(dirty.keys) : nil)
        }
    }

    /// The scan `plan` found (or made) every live file committed; its cache is in `kept`.
    func scanned(_ plan: ScanPlan) {
        lock.withLock {
            dirty = dirty.filter { $0.value > plan.start }
            if plan.changed == nil {
                wholeScanAt = plan.start
                wholeScanTime = Date()
            }
            cleanGeneration = plan.start
        }
    }

    /// Commits the live files, looking only at the paths that changed since the last scan
    /// when the watch can tell; when they are valid, they are known committed as of the
    /// scan's start.
    func commit(_ operations: DirectorOperations, _ request: CommitRequest) throws -> CommitResult {
        let plan = planScan()
        var request = request
        request.kept = kept
        request.changed = plan.changed
        let result = try operations.commit(request)
        switch result.outcome {
        case .invalid: break
        case .committed, .nothingToCommit: scanned(plan)
        }
        return result
    }

    // MARK: The nodes

    /// After a deploy of HEAD to every node: settled when every node is at it.
    func deployed(_ report: DeployReport) {
        let all = report.outcomes.allSatisfy { $0.status == .deployed || $0.status == .upToDate }
        lock.withLock {
            targets = Set(report.outcomes.map(\.node))
            settled = all && !report.outcomes.isEmpty
                ? Settled(head: report.commit.hex, nodes: report.outcomes.map(\.node), checked: Date()) : nil
        }
    }

    /// Something may have moved the nodes: ask them next time.
    func forgetNodes() {
        lock.withLock { settled = nil }
    }

    /// For `confsync status`: whether the watch covers the managed directories, and where
    /// the nodes are known to be.
    var summary: Summary {
        lock.lock()
        let covering = covering
        let settled = settled
        lock.unlock()
        var summary = Summary(covering: covering)
        if let settled {
            summary.nodes = ServiceRecord.KnownNodes(
                commit: settled.head, count: settled.nodes.count, checked: Int64(settled.checked.timeIntervalSince1970))
        }
        return summary
    }

    struct Summary {
        var covering: Bool
        var nodes: ServiceRecord.KnownNodes?
    }

    /// The nodes of the last deploy (the keepalive closes the sessions of others), if any.
    var lastTargets: Set<String>? {
        lock.withLock { targets }
    }

    /// The settled state when a sync has nothing to do: no live change since the last clean
    /// scan (none waiting in the kernel's queue either), every node at `head` when last
    /// reached, less than `recheck` ago. Nil: scan and ask the nodes.
    func nothingToDo(head: String, now: Date = Date()) -> Settled? {
        lock.withLock {
            _ = drainLocked()
            guard covering, cleanGeneration == generation, let settled, settled.head == head,
                now.timeIntervalSince(settled.checked) < Self.recheck
            else { return nil }
            return settled
        }
    }
}
