import Synchronization

/// The node state in memory, shared by the engine (for readers) and the apply in progress,
/// and changed in place: saving a one-file apply changes one manifest entry instead of
/// copying a 10,000-entry manifest. A reader gets a copy that shares storage until the
/// next change.
final class StateCell: Sendable {
    private let state: Mutex<NodeState>

    init(_ state: NodeState) {
        self.state = Mutex(state)
    }

    var value: NodeState {
        state.withLock { $0 }
    }

    /// Changes the state and makes it durable with `save`; when `save` throws, the
    /// commit, last deploy, unknown state and entries of `paths` are put back as they were.
    func change(
        paths: [String], _ body: (inout NodeState) -> Void, save: (NodeState) throws -> Void
    ) throws {
        try state.withLock { state in
            let commit = state.commit
            let lastDeploy = state.lastDeploy
            let unknown = state.unknown
            let entries = paths.map { state.manifest[$0] }
            body(&state)
            do {
                try save(state)
            } catch {
                state.commit = commit
                state.lastDeploy = lastDeploy
                state.unknown = unknown
                for (path, entry) in zip(paths, entries) { state.manifest[path] = entry }
                throw error
            }
        }
    }
}
