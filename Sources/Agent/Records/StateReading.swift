import Posix

/// What `StateStore.load` makes of `state` and `state.log`: the node state, and how the
/// next save must go. Their content never makes loading fail (only I/O does):
///
/// - a save cut short at the end of the log (see `LogReader`) is dropped with a warning;
///   when the journal holds the apply that was saving, its recovery saves again;
/// - anything else that does not read whole (a damaged `state`, a log that is empty, of an
///   unknown version, or with a block that fails its seal or cannot be applied), and a cut
///   save with no journal (the files it recorded may be in place, nothing says which),
///   makes the state unknown (see `UnknownState`), with a warning.
struct StateReading {
    var state: NodeState
    /// Bytes of `state` (0 when there is none).
    var snapshotBytes: Int
    /// Bytes of whole blocks in `state.log`, where the next save appends; nil when there is no log.
    var logLength: Int?
    /// The next save writes `state` whole and starts a new log: the log is of an earlier
    /// version, or cannot be trusted.
    var rewrite: Bool
    /// For the operator, one line each.
    var warnings: [String]

    static func read(from directory: Directory) throws -> StateReading {
        var reading = StateReading(state: NodeState(), snapshotBytes: 0, logLength: nil, rewrite: false, warnings: [])
        var problem: String?
        // Every line that may record a version deployed, for an unknown state.
        var hints = [RecordCodec.Record]()
        if let bytes = try directory.readFile(StateFile.name) {
            let file = directory.entryPath(StateFile.name)
            reading.snapshotBytes = bytes.count
            do {
                reading.state = try StateFile.decode(bytes, file: file)
            } catch let error as AgentError {
                problem = error.message
                hints += RecordCodec.lines(bytes[...], file: file, lenient: true).records
            }
        }
        let snapshot = reading.state.manifest
        if let bytes = try directory.readFile(StateLog.name) {
            let file = directory.entryPath(StateLog.name)
            let log = StateLog.read(bytes, file: file)
            hints += log.blocks.joined() + log.unverified
            if problem == nil { problem = StateLog.replay(log.blocks, onto: &reading.state).problem }
            switch log.fault {
            case nil:
                break
            case .torn(let line, let count):
                if try directory.status(Journal.name) != nil {
                    reading.warnings.append(
                        "\(file):\(line): dropped the last save, cut short (\(count) bytes): the apply in the journal saves again")
                } else {
                    problem = problem
                        ?? "\(file):\(line): the last save was cut short (\(count) bytes) and no apply in flight saves again"
                }
            case .damaged(let message):
                problem = problem ?? message
            }
            reading.logLength = log.length
            reading.rewrite = log.version.map(String.init) != StateLog.version
        }
        if let problem {
            var unknown = UnknownState(reason: problem)
            for entry in snapshot.values { unknown.record(entry) }
            for record in hints where record.keyword == "file" {
                if let entry = try? StateFile.entry(record) { unknown.record(entry) }
            }
            reading.state = NodeState(lastDeploy: reading.state.lastDeploy, unknown: unknown)
            reading.logLength = nil
            reading.rewrite = true
            reading.warnings.append(
                "\(problem): the node's state is unknown. It reports no commit, so the next deploy sends every file: "
                    + "a file that already is the target is kept, one that is a version recorded here is replaced, "
                    + "any other is drift (refused unless forced)")
        }
        return reading
    }
}
