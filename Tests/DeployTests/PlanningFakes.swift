import ClusterConfig
import Director
import GitStore
import Posix
import Testing
import Wire

@testable import Deploy

/// A repository for `NodePlanning` without libgit2: what it holds, and every read made of it.
final class FakePlanningSource: PlanningSource {
    struct Missing: Error, CustomStringConvertible {
        var description: String
    }

    var commits: [ObjectID: Commit] = [:]
    /// The changes from each base commit to the target.
    var changes: [ObjectID: [Director.FileChange]] = [:]
    var trees: [ObjectID: ManagedTree] = [:]
    var blobs: [ObjectID: [UInt8]] = [:]
    /// Sizes that are not the blob's (a file too large to send, without its bytes).
    var sizes: [ObjectID: Int] = [:]

    private(set) var changesAsked: [ObjectID] = []
    private(set) var treesAsked: [ObjectID] = []
    private(set) var blobsRead: [ObjectID] = []

    func commit(_ id: ObjectID) -> Commit? { commits[id] }

    func changes(from base: Commit, to target: Commit) throws -> [Director.FileChange] {
        changesAsked.append(base.id)
        guard let changes = changes[base.id] else { throw Missing(description: "no changes from \(base.id.short)") }
        return changes
    }

    func tree(of commit: Commit) throws -> ManagedTree {
        treesAsked.append(commit.id)
        guard let tree = trees[commit.id] else { throw Missing(description: "no tree for \(commit.id.short)") }
        return tree
    }

    func objectSize(_ id: ObjectID) throws -> Int {
        guard let size = sizes[id] ?? blobs[id]?.count else { throw Missing(description: "no blob \(id.short)") }
        return size
    }

    func readBlob(_ id: ObjectID) throws -> [UInt8] {
        blobsRead.append(id)
        guard let blob = blobs[id] else { throw Missing(description: "no blob \(id.short)") }
        return blob
    }
}

/// A node's open session as planning sees it: its answer, manifest and drift.
final class FakePlanningNode: PlanningNode {
    var state: NodeState
    var manifest: [ManifestEntry] = []
    var drifted: [DriftItem] = []
    private(set) var manifestFetches = 0

    init(commit: String?, busy: Bool = false, pendingActions: [PendingAction] = []) {
        state = NodeState(commit: commit, manifest: [], busy: busy, lastDeploy: nil, pendingActions: pendingActions)
    }

    func fetchManifest() throws -> [ManifestEntry] {
        manifestFetches += 1
        return manifest
    }

    func drift() throws -> [DriftItem] { drifted }
}

/// Two nodes of director lvs1 that receive /etc/squid, with an action on squid.conf; commits
/// and files by one hex digit each.
struct PlanningFixture {
    static let clusterText = """
        group caches
        {
        \thost lvs1 (cache1 cache2);
        \tinclude /etc/squid;
        \taction
        \t{
        \t\tpattern /etc/squid/squid.conf;
        \t\texec "squid -k reconfigure";
        \t}
        }
        confsync
        {
        \thost cache1 { address 127.0.0.1; port 7001; }
        \thost cache2 { address 127.0.0.1; port 7002; }
        }
        """

    let cluster: ClusterConfig
    let targets: [String: NodeTarget]

    init() throws {
        let (cluster, diagnostics) = ClusterConfig.parse(Self.clusterText, path: "/etc/csync2.cfg") { _ in nil }
        #expect(!diagnostics.hasErrors, "\(diagnostics)")
        self.cluster = cluster
        targets = Dictionary(
            uniqueKeysWithValues: cluster.nodes(forDirector: "lvs1").map { ($0.name, NodeTarget(plan: $0, root: "/")) })
    }

    func target(_ name: String) throws -> NodeTarget { try #require(targets[name]) }

    static func id(_ digit: Character) throws -> ObjectID {
        try ObjectID(parsing: String(repeating: digit, count: 40), "a test id")
    }

    static func commit(_ digit: Character) throws -> Commit {
        let someone = Signature(name: "root", email: "root@lvs1", time: 0)
        return Commit(id: try id(digit), tree: try id("0"), parents: [], author: someone, committer: someone, message: "c")
    }

    static func file(_ digit: Character) throws -> ManagedFile {
        ManagedFile(
            entry: TreeEntry(id: try id(digit), mode: .blob), attributes: FileAttributes(mode: 0o644, owner: "root", group: "root"))
    }

    /// The manifest entry of a node that has `file` at `path`.
    static func manifestEntry(_ path: String, _ file: ManagedFile) -> ManifestEntry {
        ManifestEntry(path: path, blobID: file.entry.id.hex, mode: file.attributes.mode, owner: "root", group: "root")
    }

    func planning(_ source: FakePlanningSource, target: Commit, _ change: (inout DeployOptions) -> Void = { _ in })
        -> NodePlanning
    {
        var options = DeployOptions(user: "admin")
        change(&options)
        return NodePlanning(source: source, commit: target, cluster: cluster, options: options, host: "lvs1", deployID: "d1-test")
    }
}

extension NodePlanning.Decision {
    /// The outcome and how the session ends, when nothing is sent.
    var finished: (outcome: NodeOutcome, end: NodePlanning.SessionEnd)? {
        guard case .finished(let outcome, let end) = self else { return nil }
        return (outcome, end)
    }

    /// The apply to send, when one is.
    var sent: PlannedApply? {
        guard case .send(let planned) = self else { return nil }
        return planned
    }
}
