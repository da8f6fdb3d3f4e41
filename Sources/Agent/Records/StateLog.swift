/// `state.log`: the saves since `state` was last written whole, one block each, appended
/// and fdatasynced (see `StateStore`).
///
/// ```
/// confsync-state-log  2
/// commit  <commit>                                   \
/// deploy  <deployID> <commit> <status> <at> ...      |  one block per save: the commit and
/// file    <path> <blobID> <mode> <owner> <group>     |  last deploy after it (no deploy
/// drop    <path>                                     |  line: none yet), the manifest
/// saved   <seal>                                     /  entries it set and the paths it dropped
/// ```
/// A block carries values, not differences, so replaying a block twice changes nothing.
/// The seal is a checksum of the block's other lines (`BlockSeal`): bytes after the last
/// sealed block that hold no `saved` line are an append a crash cut short (`LogReader`);
/// a block whose seal does not match is damage. Version 1 closed blocks with a bare `saved`
/// line; it is still read (an agent upgraded in place), and the next save rewrites `state`
/// whole and starts a version 2 log.
enum StateLog {
    static let name = "state.log"
    static let kind = "confsync-state-log"
    static let version = "2"
    static let terminator = "saved"

    /// The header line alone: an empty log.
    static func empty() -> [UInt8] {
        RecordCodec.Writer(kind: kind, version: version).bytes
    }

    /// The block that brings a state to `state`, changing the manifest entries of `paths`.
    static func block(_ state: NodeState, paths: some Collection<String>) -> [UInt8] {
        var writer = RecordCodec.Writer(kind: nil, capacity: 256 + paths.count * 120)
        StateFile.appendHead(state, to: &writer)
        for path in paths {
            if let entry = state.manifest[path] {
                StateFile.appendEntry(entry, to: &writer)
            } else {
                writer.append("drop", path)
            }
        }
        writer.append(terminator, BlockSeal.of(writer.bytes[...]))
        return writer.bytes
    }

    /// Reads `bytes` (see `LogReader`).
    static func read(_ bytes: [UInt8], file: String) -> LogReader.Reading {
        LogReader.read(bytes, kind: kind, terminator: terminator, file: file)
    }

    /// Replays `blocks` in order over `state`. A block holding a record that cannot be
    /// applied is not applied at all: the replay stops there and returns the problem, with
    /// the number of blocks replayed.
    static func replay(_ blocks: [[RecordCodec.Record]], onto state: inout NodeState) -> (replayed: Int, problem: String?) {
        for (index, block) in blocks.enumerated() {
            do {
                // Checked on a scratch state first, so that a bad block leaves `state` as it was.
                var scratch = NodeState()
                try apply(block, to: &scratch)
                try apply(block, to: &state)
            } catch let error as AgentError {
                return (index, error.message)
            } catch {
                return (index, "\(error)")
            }
        }
        return (blocks.count, nil)
    }

    private static func apply(_ block: [RecordCodec.Record], to state: inout NodeState) throws {
        state.commit = nil
        state.lastDeploy = nil
        for record in block {
            if record.keyword == "drop" {
                state.manifest[try record.string(1)] = nil
            } else if try !StateFile.apply(record, to: &state) {
                throw record.malformed("unknown record '\(record.keyword)'")
            }
        }
    }
}
