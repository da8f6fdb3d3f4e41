import Director
import GitStore
import Posix
import Wire

extension NodePlanning {
    /// The node's file changes: from git's tree diff from `base`, the node's commit when this
    /// repository has it (computed once per such commit, then filtered per node), else (or
    /// with `--full`) from its manifest. Both sides are filtered by the target commit's cluster file.
    mutating func changes(for node: some PlanningNode, target: NodeTarget, base: Commit?) throws -> [Director.FileChange] {
        if !options.full, let base {
            return try reads.changes(from: base).filter { target.plan.manages($0.path.managed) }
        }
        let has = try ManagedTree(manifest: node.fetchManifest(), for: target.plan)
        return has.changes(to: try reads.targetFiles().restricted(to: target.plan))
    }

    /// The node's file changes (`changes(for:target:base:)`), and with `overwriteDrift` also,
    /// for every file that drifted on the node and that those changes leave alone, a change
    /// from what was deployed there to the target's file: a forced apply then writes it again,
    /// and the node hands the drifted content back first (kept under refs/confsync/drift/NODE).
    mutating func plannedChanges(
        for node: some PlanningNode, target: NodeTarget, base: Commit?
    ) throws -> [Director.FileChange] {
        let changes = try changes(for: node, target: target, base: base)
        guard options.overwriteDrift else { return changes }
        let planned = Set(changes.map(\.path.managed))
        let drifted = try node.drift().filter { !planned.contains($0.path) && target.plan.manages($0.path) }
        guard !drifted.isEmpty else { return changes }
        let tree = try reads.targetFiles()
        var restored = changes
        for item in drifted {
            let path = try ManagedPath(managed: item.path)
            let id = try ObjectID(parsing: item.expected.blobID, "\(target.name)'s blob id of \(item.path) as deployed")
            let deployed = ManagedFile(
                entry: TreeEntry(id: id, mode: FileMode(nodeMode: item.expected.mode)),
                attributes: FileAttributes(
                    mode: item.expected.mode & 0o7777, owner: item.expected.owner, group: item.expected.group))
            restored.append(Director.FileChange(path: path, old: deployed, new: tree.files[path]))
        }
        return restored.sorted { $0.path < $1.path }
    }
}
