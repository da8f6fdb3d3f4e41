import Posix
import Synchronization

/// The node state on disk: `state` (the whole state, see `StateFile`) and `state.log` (the
/// saves since, see `StateLog`). A save appends one block to the log and fdatasyncs it, so
/// deploying one file to a node managing 10,000 costs a few hundred bytes, not a rewrite of
/// the whole manifest. When the log would grow past half the size of `state` (and past
/// `compactionFloor`), the save writes `state` whole instead and empties the log.
///
/// Crash safety: an append cut short leaves a torn block after the last `saved` line, which
/// loading drops and the next append overwrites. A crash between writing `state` and
/// emptying the log leaves blocks that `state` already holds; replaying them changes
/// nothing, since each block carries values. Damage makes the state unknown (see
/// `StateReading`); nothing is saved while it is, so the damaged files stay as they are
/// until a deploy re-establishes the state, whose save writes `state` whole.
final class StateStore: Sendable {
    /// The log is never compacted below this size.
    static let compactionFloor = 64 * 1024

    private struct Sizes {
        /// Bytes of `state` as last written (0 when there is none).
        var snapshot: Int
        /// Bytes of complete blocks in `state.log`; nil when there is no log.
        var log: Int?
        /// The next save writes `state` whole (the log is old or damaged).
        var rewrite: Bool
    }

    private let sizes: Mutex<Sizes>

    private init(_ sizes: Sizes) {
        self.sizes = Mutex(sizes)
    }

    /// Reads `state` and replays `state.log` in `directory`; an empty state when neither
    /// exists. Throws only when they cannot be read: what they hold never stops a load, and
    /// `warnings` say what was wrong with it (see `StateReading`).
    static func load(from directory: Directory) throws -> (store: StateStore, state: NodeState, warnings: [String]) {
        let reading = try StateReading.read(from: directory)
        let sizes = Sizes(snapshot: reading.snapshotBytes, log: reading.logLength, rewrite: reading.rewrite)
        return (StateStore(sizes), reading.state, reading.warnings)
    }

    /// Makes `next` the durable state. `paths` are the manifest paths whose entries may differ
    /// from the last save; every other entry must be unchanged. While `next` is unknown,
    /// nothing is written.
    func save(_ next: NodeState, paths: some Collection<String>, in directory: Directory) throws {
        guard next.unknown == nil else { return }
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
