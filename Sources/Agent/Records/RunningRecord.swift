import Glibc
import Posix

/// `running`: the command running now, so that the agent started after this one was killed
/// stops a run it left behind before it runs the command again (see `StaleRun`).
///
/// ```
/// confsync-running 1
/// run <tag> <session> <boot id> <deployID> <command index> [<group> <leader start time>]
/// end
/// ```
/// Written before the spawn (the tag is in the command's environment as `CONFSYNC_RUN`),
/// again with the process group once the spawn returned, and removed once the command is
/// reaped; never fsynced: after a power loss nothing it names still runs.
struct RunningRecord: Equatable {
    static let name = "running"
    static let kind = "confsync-running"
    static let variable = "CONFSYNC_RUN"

    /// Random, unique to this run: `CONFSYNC_RUN=<tag>` is in the environment of its processes.
    var tag: String
    /// The agent's session, which the command's processes share unless they left it.
    var session: pid_t
    var bootID: String
    var deployID: String
    var index: Int
    /// The process group's id (the pid of its first process, the shell or the program); 0
    /// until the spawn returned.
    var group: pid_t = 0
    /// The first process's start time (clock ticks since boot).
    var startTime: UInt64 = 0

    /// `CONFSYNC_RUN=<tag>`, for the command's environment.
    var environmentEntry: String { "\(Self.variable)=\(tag)" }

    func encode() -> [UInt8] {
        var writer = RecordCodec.Writer(kind: Self.kind)
        var fields = ["run", tag, String(session), bootID, deployID, String(index)]
        if group > 0 { fields += [String(group), String(startTime)] }
        writer.append(fields)
        return writer.finished()
    }

    static func decode(_ bytes: [UInt8], file: String) throws -> RunningRecord {
        let records = try RecordCodec.decode(bytes, kind: kind, file: file)
        guard records.count == 1, let record = records.first, record.keyword == "run" else {
            throw AgentError(.journal, "\(file): expected one 'run' line")
        }
        guard let session = pid_t(try record.string(2)) else { throw record.malformed("field 3 is not a session id") }
        var running = RunningRecord(
            tag: try record.string(1), session: session, bootID: try record.string(3), deployID: try record.string(4),
            index: try record.int(5))
        if record.fields.count > 6 {
            guard let group = pid_t(try record.string(6)), group > 0 else {
                throw record.malformed("field 7 is not a process group")
            }
            running.group = group
            running.startTime = try record.uint64(7)
        }
        return running
    }

    /// Notes the run in `directory` (temp file and rename, no fsync).
    func write(in directory: Directory) throws {
        let temp = Self.name + ".tmp"
        let file = try directory.createFile(temp)
        try file.write(encode())
        try directory.rename(temp, to: Self.name)
    }

    static func load(from directory: Directory) throws -> RunningRecord? {
        guard let bytes = try directory.readFile(name) else { return nil }
        return try decode(bytes, file: directory.entryPath(name))
    }
}
