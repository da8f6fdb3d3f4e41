import Deploy
import Director
import GitStore
import Posix
import Wire

/// `drift`: which nodes to ask (empty: every node of this director's groups).
public struct DriftRequest: Sendable {
    public var nodes: [String]
    /// Kept node connections to ask on (the service's), where they have one.
    public var warm: WarmSessions?

    public init(nodes: [String] = [], warm: WarmSessions? = nil) {
        self.nodes = nodes
        self.warm = warm
    }
}

/// A managed file whose live state on a node differs from what was deployed there.
public struct DriftedFile: Sendable {
    /// missing, content, attributes or notRegularFile, as the node reports it.
    public typealias Kind = DriftItem.Kind

    /// The managed path, as the node reported it.
    public var path: ManagedPath
    public var kind: Kind
    /// What was deployed there: its blob id and attributes.
    public var deployedBlobID: String
    public var deployed: FileAttributes
    /// The live file's attributes, when the node could read them (a link's mode is the wire's
    /// link mode).
    public var live: FileAttributes?
    /// The live file's blob id and content, when its content differs: what `adopt` commits.
    public var liveBlobID: String?
    public var content: [UInt8]?
    /// git's unified diff from what was deployed to what is live (content and missing files).
    public var diff: String?
    /// Why there is no diff where there should be one.
    public var diffProblem: String?

    /// Live mode, owner or group differ from the deployed ones.
    public var attributesChanged: Bool { live.map { $0 != deployed } ?? false }

    /// The live file is a symbolic link (its content is the target).
    public var isLink: Bool { (live?.mode ?? deployed.mode) == Wire.FileChange.symlinkMode }
}

/// One node's drift, or why it could not be asked.
public struct NodeDrift: Sendable {
    public var node: String
    public var address: String
    /// Nil when reachable; else why not.
    public var problem: String?
    /// The commit the node is at.
    public var commit: String?
    public var files: [DriftedFile]

    public var reachable: Bool { problem == nil }
}

public struct DriftResult: Sendable {
    /// In the cluster file's order.
    public var nodes: [NodeDrift]

    public var hasDrift: Bool { nodes.contains { !$0.files.isEmpty } }
    public var hasUnreachable: Bool { nodes.contains { !$0.reachable } }
}

extension DirectorOperations {
    /// Asks each node (in parallel) for the managed files that no longer match what was
    /// deployed there, each with its diff; adds nothing to the repository. Throws when no node can be selected (no commit
    /// yet, an unknown node); a node that cannot be reached is a result with its problem.
    public func drift(_ request: DriftRequest) throws -> DriftResult {
        let statuses = try NodeInspector(director: director, nodes: request.nodes).inspect(drift: true, warm: request.warm)
        return DriftResult(
            nodes: statuses.map { status in
                NodeDrift(
                    node: status.node, address: status.address, problem: status.problem, commit: status.commit,
                    files: (status.drift ?? []).map { driftedFile($0, node: status.node) })
            })
    }

    /// `item` as `node` reported it; its diff, when there is one, or why not (a deployed blob id
    /// that is not one is said there, for that file). Reads the repository, never writes it:
    /// the live content is diffed in memory.
    private func driftedFile(_ item: DriftItem, node: String) -> DriftedFile {
        let expected = item.expected
        var live: FileAttributes?
        if let mode = item.actualMode, let owner = item.actualOwner, let group = item.actualGroup {
            live = FileAttributes(mode: mode, owner: owner, group: group)
        }
        var file = DriftedFile(
            path: ManagedPath(unchecked: item.path), kind: item.kind, deployedBlobID: expected.blobID,
            deployed: FileAttributes(mode: expected.mode, owner: expected.owner, group: expected.group), live: live,
            liveBlobID: item.actualBlobID, content: item.content)
        guard item.kind == .content || item.kind == .missing else { return file }
        do {
            let repository = director.repository
            let path = try ManagedPath(managed: item.path)
            let deployed = try ObjectID(parsing: expected.blobID, "\(node)'s blob id of \(item.path) as deployed")
            let old = repository.contains(deployed) ? deployed : nil
            // From the content in memory: looking at drift stores nothing (adopt does).
            if let content = item.content {
                file.diff = try repository.unifiedDiff(old: old, content: content, path: path.tree)
            } else {
                file.diff = try repository.unifiedDiff(old: old, new: nil, path: path.tree)
            }
        } catch {
            file.diffProblem = "\(error)"
        }
        return file
    }
}
