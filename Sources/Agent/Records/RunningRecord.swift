import Glibc

/// `running`: the process group of the command running now, so that the agent started
/// after this one was killed stops a run it left behind before it runs the command again.
///
/// ```
/// confsync-running 1
/// run <group> <session> <leader start time> <boot id> <deployID> <command index>
/// end
/// ```
/// Written right after the spawn and removed once the command is reaped, neither fsynced:
/// after a power loss nothing it names still runs.
struct RunningRecord: Equatable {
    static let name = "running"
    static let kind = "confsync-running"

    /// The group's id: the pid of its first process (the shell, or the program).
    var group: pid_t
    /// The agent's session, which the group's processes share unless they left it.
    var session: pid_t
    /// The leader's start time (clock ticks since boot).
    var startTime: UInt64
    var bootID: String
    var deployID: String
    var index: Int

    func encode() -> [UInt8] {
        var writer = RecordCodec.Writer(kind: Self.kind)
        writer.append(
            "run", String(group), String(session), String(startTime), bootID, deployID, String(index))
        return writer.finished()
    }

    static func decode(_ bytes: [UInt8], file: String) throws -> RunningRecord {
        let records = try RecordCodec.decode(bytes, kind: kind, file: file)
        guard records.count == 1, let record = records.first, record.keyword == "run" else {
            throw AgentError(.journal, "\(file): expected one 'run' line")
        }
        guard let group = pid_t(try record.string(1)), let session = pid_t(try record.string(2)), group > 0 else {
            throw record.malformed("bad process group or session")
        }
        return RunningRecord(
            group: group, session: session, startTime: try record.uint64(3), bootID: try record.string(4),
            deployID: try record.string(5), index: try record.int(6))
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
