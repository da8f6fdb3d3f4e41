import Synchronization

/// The node state on disk: `state` (the whole state, see `StateFile`) and `state.log` (the
/// saves since, see `StateLog`). A save appends one block to the log and fdatasyncs it, so
/// deploying one file to a node managing 10,000 costs a few hundred bytes, not a rewrite of
/// the whole manifest. When the log would grow past half the size of `state` (and past
/// `compactionFloor`), the save writes `state` whole instead and empties the log.
///
/// Crash safety: an append cut short leaves a torn block after the last `saved` line, which
/// loading ignores and the next append overwrites. A crash between writing `state` and
/// emptying the log leaves blocks that `state` already holds; replaying them changes
/// nothing, since each block carries values.
final class StateStore: Sendable {
    /// The log is never compacted below this size.
    static let compactionFloor = 64 * 1024

    private struct Sizes {
        /// Bytes of `state` as last written (0 when there is none).
        var snapshot: Int
        /// Bytes of complete blocks in `state.log`; nil when there is no log.
        var log: Int?
        /// The next save writes `state` whole (the log is of an earlier version).
        var rewrite: Bool
    }

    private let sizes: Mutex<Sizes>

    private init(_ sizes: Sizes) {
        self.sizes = Mutex(sizes)
    }

    /// Reads `state` and replays `state.log` in `directory`; an empty state when neither exists.
    static func load(from directory: Directory) throws -> (store: StateStore, state: NodeState) {
        var state = NodeState()
        var sizes = Sizes(snapshot: 0, log: nil, rewrite: false)
        if let bytes = try directory.readFile(StateFile.name) {
            state = try StateFile.decode(bytes, file: directory.entryPath(StateFile.name))
            sizes.snapshot = bytes.count
        }
        if let bytes = try directory.readFile(StateLog.name) {
            let log = StateLog.read(bytes, file: directory.entryPath(StateLog.name))
            if case .damaged(let problem) = log.fault { throw AgentError(.journal, problem) }
            if let problem = StateLog.replay(log.blocks, onto: &state).problem { throw AgentError(.journal, problem) }
            sizes.log = log.length
            sizes.rewrite = log.version.map(String.init) != StateLog.version
        }
        return (StateStore(sizes), state)
    }

    /// Makes `next` the durable state. `paths` are the manifest paths whose entries may differ
    /// from the last save; every other entry must be unchanged.
    func save(_ next: NodeState, paths: some Collection<String>, in directory: Directory) throws {
        let block = StateLog.block(next, paths: paths)
        try sizes.withLock { sizes in
            let limit = max(Self.compactionFloor, sizes.snapshot / 2)
            if !sizes.rewrite, let length = sizes.log, length + block.count <= limit {
                let log = try directory.openForWriting(StateLog.name)
                if try log.status().size > length { try log.truncate(to: length) }
                try log.write(block, at: length)
                try log.dataSync()
                sizes.log = length + block.count
            } else if !sizes.rewrite, sizes.log == nil, block.count <= limit {
                let log = StateLog.empty() + block
                try directory.writeAtomically(StateLog.name, log)
                sizes.log = log.count
            } else {
                let whole = StateFile.encode(next)
                try directory.writeAtomically(StateFile.name, whole)
                let empty = StateLog.empty()
                try directory.writeAtomically(StateLog.name, empty)
                sizes = Sizes(snapshot: whole.count, log: empty.count, rewrite: false)
            }
        }
    }
}
