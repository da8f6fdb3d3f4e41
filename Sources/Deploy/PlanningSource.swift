import Director
import GitStore

/// What planning reads from the director's repository while it decides what a node needs:
/// one method per kind of read, so DeployTests can plan without libgit2 (a fake counts the
/// reads) and the repository stays on the thread that plans.
protocol PlanningSource {
    /// The commit `id` as this repository has it; nil when it has none by that id (a commit
    /// made by another director, not replicated here).
    func commit(_ id: ObjectID) -> Commit?
    /// The managed files' changes from `base` to `target` (git's tree diff).
    func changes(from base: Commit, to target: Commit) throws -> [FileChange]
    /// The managed files of `commit`.
    func tree(of commit: Commit) throws -> ManagedTree
    /// The size in bytes of blob `id`, without reading it.
    func objectSize(_ id: ObjectID) throws -> Int
    /// The content of blob `id`.
    func readBlob(_ id: ObjectID) throws -> [UInt8]
}

/// The director's repository as planning reads it: a thin adapter, no decisions.
struct RepositoryPlanningSource: PlanningSource {
    let director: DirectorRepository

    func commit(_ id: ObjectID) -> Commit? { try? director.repository.commit(id) }

    func changes(from base: Commit, to target: Commit) throws -> [FileChange] {
        try director.changes(from: base, to: target)
    }

    func tree(of commit: Commit) throws -> ManagedTree { try director.tree(of: commit) }

    func objectSize(_ id: ObjectID) throws -> Int { try director.repository.objectSize(id) }

    func readBlob(_ id: ObjectID) throws -> [UInt8] { try director.repository.readBlob(id) }
}
