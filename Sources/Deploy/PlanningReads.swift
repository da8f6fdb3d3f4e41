import Director
import GitStore

/// The repository reads of a deploy's planning, each made once however many nodes need it:
/// the changes from a commit the nodes have (usually one) to the target, the target's tree
/// (only for a node known by its manifest alone), every blob sent.
struct PlanningReads {
    let source: any PlanningSource
    let target: Commit
    /// Changes from a node's commit to the target, per commit the nodes have.
    private var changesFrom: [ObjectID: [Director.FileChange]] = [:]
    private var targetTree: ManagedTree?
    /// The blobs of the applies planned so far.
    private(set) var blobs: [ObjectID: [UInt8]] = [:]

    init(source: any PlanningSource, target: Commit) {
        self.source = source
        self.target = target
    }

    /// The commit `id` as the repository has it; nil when it has none by that id.
    func commit(_ id: ObjectID) -> Commit? { source.commit(id) }

    /// All the managed files' changes from `base` to the target (not yet filtered per node).
    mutating func changes(from base: Commit) throws -> [Director.FileChange] {
        if let known = changesFrom[base.id] { return known }
        let changes = try source.changes(from: base, to: target)
        changesFrom[base.id] = changes
        return changes
    }

    /// The target commit's whole tree.
    mutating func targetFiles() throws -> ManagedTree {
        if let targetTree { return targetTree }
        let tree = try source.tree(of: target)
        targetTree = tree
        return tree
    }

    /// The ids of the blobs `changes` write, each read into `blobs`. A file too large for one
    /// message (committed before `commit` refused such files) fails the node's deploy before
    /// anything is sent, naming it.
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
