import Posix

/// `pending`: the commands whose last run failed, in the order they failed.
///
/// ```
/// confsync-pending 1
/// command <k> <pattern> <logfile> <command> <path>...
/// limit   <k> <timeout ms>                           (when its action has a timeout)
/// failed  <k> <deployID> <exit status> <unix seconds>
/// end
/// ```
/// Written durably whenever it changes, before the journal (or outbox file) whose commands
/// changed it is removed; absent when nothing is pending.
enum PendingFile {
    static let name = "pending"
    static let kind = "confsync-pending"

    static func encode(_ actions: [PendingAction]) -> [UInt8] {
        var writer = RecordCodec.Writer(kind: kind)
        for (index, action) in actions.enumerated() {
            let command = OutboxCommand(
                index: index, pattern: action.pattern, logfile: action.logfile, command: action.command,
                paths: action.paths, timeoutMillis: action.timeoutMillis)
            for line in command.records { writer.append(line) }
            writer.append("failed", String(index), action.deployID, String(action.exitStatus), String(action.at))
        }
        return writer.finished()
    }

    static func decode(_ bytes: [UInt8], file: String) throws -> [PendingAction] {
        var commands = [OutboxCommand]()
        var failures = [Int: (deployID: String, status: Int32, at: Int64)]()
        for record in try RecordCodec.decode(bytes, kind: kind, file: file) {
            switch record.keyword {
            case "command":
                commands.append(try OutboxCommand(record))
            case let keyword where OutboxCommand.extraKeywords.contains(keyword):
                try OutboxCommand.applyExtra(record, to: &commands)
            case "failed":
                guard let status = Int32(try record.string(3)) else { throw record.malformed("field 4 is not a number") }
                failures[try record.int(1)] = (try record.string(2), status, Int64(try record.int(4)))
            default:
                throw record.malformed("unknown record '\(record.keyword)'")
            }
        }
        return try commands.map { command in
            guard let failure = failures[command.index] else {
                throw AgentError(.journal, "\(file): command \(command.index) has no 'failed' line")
            }
            return PendingAction(
                pattern: command.pattern, command: command.command, logfile: command.logfile, paths: command.paths,
                timeoutMillis: command.timeoutMillis, deployID: failure.deployID, exitStatus: failure.status,
                at: failure.at)
        }
    }

    /// The pending commands in `directory` (the state directory); empty when there is no file.
    static func load(from directory: Directory) throws -> [PendingAction] {
        guard let bytes = try directory.readFile(name) else { return [] }
        return try decode(bytes, file: directory.entryPath(name))
    }

    /// Replaces the file durably with `actions`, or removes it durably when there are none.
    static func save(_ actions: [PendingAction], in directory: Directory) throws {
        if actions.isEmpty {
            _ = try directory.removeDurably(name)
        } else {
            try directory.writeAtomically(name, encode(actions))
        }
    }

    /// `actions` after the commands with a status in `statuses` ran in deploy `deployID`:
    /// each one that succeeded is no longer pending, each one that failed is (again), last.
    static func settled(
        _ actions: [PendingAction], after commands: [OutboxCommand], statuses: [Int: Int32], deployID: String,
        at: Int64
    ) -> [PendingAction] {
        var result = actions
        for command in commands {
            guard let status = statuses[command.index] else { continue }
            result.removeAll { $0.key == command.pendingKey }
            if status != 0 {
                result.append(
                    PendingAction(
                        pattern: command.pattern, command: command.command, logfile: command.logfile,
                        paths: command.paths, timeoutMillis: command.timeoutMillis, deployID: deployID,
                        exitStatus: status, at: at))
            }
        }
        return result
    }
}
