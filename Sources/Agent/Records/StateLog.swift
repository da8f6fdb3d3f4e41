/// `state.log`: the saves since `state` was last written whole, one block each, appended
/// and fdatasynced (see `StateStore`).
///
/// ```
/// confsync-state-log  1
/// commit  <commit>                                   \
/// deploy  <deployID> <commit> <status> <at> ...      |  one block per save: the commit and
/// file    <path> <blobID> <mode> <owner> <group>     |  last deploy after it (no deploy
/// drop    <path>                                     |  line: none yet), the manifest
/// saved                                              /  entries it set and the paths it dropped
/// ```
/// A block carries values, not differences, so replaying a block twice changes nothing.
/// Bytes after the last `saved` line are an append a crash cut short, and are ignored.
enum StateLog {
    static let name = "state.log"
    static let kind = "confsync-state-log"
    static let terminator = "saved"

    /// The header line alone: an empty log.
    static func empty() -> [UInt8] {
        RecordCodec.Writer(kind: kind).bytes
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
        return writer.finished(terminator)
    }

    /// Replays the complete blocks of `bytes` over `state`; returns the bytes they fill.
    static func replay(_ bytes: [UInt8], onto state: inout NodeState, file: String) throws -> Int {
        let log = try RecordCodec.decodeLog(bytes, kind: kind, terminator: terminator, file: file)
        for block in log.blocks {
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
        return log.length
    }
}
