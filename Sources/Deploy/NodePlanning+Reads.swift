import Director
import GitStore

/// The reads planning makes, each once per deploy: the changes from a commit the nodes have,
/// the target's tree, every blob sent.
extension NodePlanning {
    /// The node's file changes: from git's tree diff from `base`, the node's commit when this
    /// repository has it (computed once per such commit, then filtered per node), else (or
    /// with `--full`) from its manifest. Both sides are filtered by the target commit's cluster file.
    mutating func changes(for node: some PlanningNode, target: NodeTarget, base: Commit?) throws -> [Director.FileChange] {
        if !options.full, let base {
            let all = try changesFrom[base.id] ?? source.changes(from: base, to: commit)
            changesFrom[base.id] = all
            return all.filter { target.plan.manages($0.path.managed) }
        }
        let has = try ManagedTree(manifest: node.fetchManifest(), for: target.plan)
        return has.changes(to: try targetFiles().restricted(to: target.plan))
    }

    /// The target commit's whole tree, read the first time it is needed.
    mutating func targetFiles() throws -> ManagedTree {
        if let targetTree { return targetTree }
        let tree = try source.tree(of: commit)
        targetTree = tree
        return tree
    }

    /// The ids of the blobs `changes` write, each read (once per deploy) into `blobs`. A file
    /// too large for one message (committed before `commit` refused such files) fails the
    /// node's deploy before anything is sent, naming it.
    mutating func readBlobs(of changes: [Director.FileChange]) throws -> [ObjectID] {
        for change in changes {
            guard let entry = change.new?.entry, entry.mode != .symlink, blobs[entry.id] == nil,
                let problem = FileSizeLimit.problem(size: try source.objectSize(entry.id))
            else { continue }
            throw DeployError(
                .invalid,
                "\(change.path): \(problem); commit its removal (or an 'exclude' line for it) and deploy again")
        }
        let ids = Array(Set(changes.compactMap { $0.new?.entry.id }))
        for id in ids where blobs[id] == nil { blobs[id] = try source.readBlob(id) }
        return ids
    }
}
