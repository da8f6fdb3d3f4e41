/// `journal`: an apply in flight, from the moment all its new files are staged and synced
/// until it is finished (or undone). Recovery needs nothing else to complete it either way.
///
/// ```
/// confsync-journal 1
/// phase   forward | rollback
/// deploy  <deployID> <director> <user> <at> <toCommit> <previousCommit> <rollbackOnFailure 0|1>
/// mkdir   <path>                                  (directories the apply created, outermost first)
/// entry   <n> write|remove|keep <path> <temp inode> <hadOld 0|1>
///         <new blob> <new mode> <new owner> <new group> <old blob> <old mode> <old owner> <old group>
/// command <k> <pattern> <logfile> <command> <path>...   (the deploy's actions, as in the outbox)
/// limit   <k> <timeout ms>                        (command k's own timeout, when its action has one)
/// rerun   <k>                                     (rollback phase: commands to run again)
/// end
/// ```
/// Entry `n` stages `.confsync-tmp-<deployID>-<n>` and keeps the old file as
/// `.confsync-old-<deployID>-<n>`, both next to the target. Empty new/old fields mean no
/// manifest entry (delete / file not managed before).
struct Journal {
    static let name = "journal"
    static let kind = "confsync-journal"

    enum Phase: String {
        case forward, rollback
    }

    enum Operation: String {
        /// Rename the temp file over the target (keeping the old one as a second name).
        case write
        /// Rename the target aside.
        case remove
        /// The live file is already right: only the manifest changes.
        case keep
    }

    struct Entry: Equatable {
        var index: Int
        var operation: Operation
        var path: String
        /// Inode of the temp file: after the rename, the target has it.
        var inode: UInt64
        /// A file was at the target when the apply started.
        var hadOld: Bool
        /// Manifest entry after the apply; nil for a delete.
        var new: ManifestEntry?
        /// Manifest entry before the apply; nil when the path was not managed.
        var old: ManifestEntry?
    }

    var phase: Phase
    var deployID: String
    var director: String
    var user: String
    var at: Int64
    var toCommit: String
    var previousCommit: String?
    var rollbackOnFailure: Bool
    /// Root-relative paths of directories the apply created, outermost first.
    var createdDirectories: [String]
    var entries: [Entry]
    var commands: [OutboxCommand]
    /// Indexes of `commands` to run again after a rollback.
    var reruns: [Int]

    func record(_ status: ApplyStatus) -> DeployRecord {
        DeployRecord(deployID: deployID, commit: toCommit, status: status, at: at, director: director, user: user)
    }

    func encode() -> [UInt8] {
        var writer = RecordCodec.Writer(kind: Self.kind)
        writer.append("phase", phase.rawValue)
        writer.append(
            "deploy", deployID, director, user, String(at), toCommit, previousCommit ?? "",
            rollbackOnFailure ? "1" : "0")
        for directory in createdDirectories { writer.append("mkdir", directory) }
        for entry in entries {
            writer.append(
                [
                    "entry", String(entry.index), entry.operation.rawValue, entry.path, String(entry.inode),
                    entry.hadOld ? "1" : "0",
                ] + Self.fields(entry.new) + Self.fields(entry.old))
        }
        for command in commands { for line in command.records { writer.append(line) } }
        for rerun in reruns { writer.append("rerun", String(rerun)) }
        return writer.finished()
    }

    static func decode(_ bytes: [UInt8], file: String) throws -> Journal {
        var journal = Journal(
            phase: .forward, deployID: "", director: "", user: "", at: 0, toCommit: "", previousCommit: nil,
            rollbackOnFailure: false, createdDirectories: [], entries: [], commands: [], reruns: [])
        for record in try RecordCodec.decode(bytes, kind: kind, file: file) {
            switch record.keyword {
            case "phase":
                guard let phase = Phase(rawValue: try record.string(1)) else { throw record.malformed("unknown phase") }
                journal.phase = phase
            case "deploy":
                journal.deployID = try record.string(1)
                journal.director = try record.string(2)
                journal.user = try record.string(3)
                journal.at = Int64(try record.int(4))
                journal.toCommit = try record.string(5)
                journal.previousCommit = try record.optional(6)
                journal.rollbackOnFailure = try record.bool(7)
            case "mkdir":
                journal.createdDirectories.append(try record.string(1))
            case "entry":
                guard let operation = Operation(rawValue: try record.string(2)) else {
                    throw record.malformed("unknown operation")
                }
                let path = try record.string(3)
                journal.entries.append(
                    Entry(
                        index: try record.int(1), operation: operation, path: path, inode: try record.uint64(4),
                        hadOld: try record.bool(5), new: try manifestEntry(record, from: 6, path: path),
                        old: try manifestEntry(record, from: 10, path: path)))
            case "command":
                journal.commands.append(try OutboxCommand(record))
            case let keyword where OutboxCommand.extraKeywords.contains(keyword):
                try OutboxCommand.applyExtra(record, to: &journal.commands)
            case "rerun":
                journal.reruns.append(try record.int(1))
            default:
                throw record.malformed("unknown record '\(record.keyword)'")
            }
        }
        guard !journal.deployID.isEmpty else { throw AgentError(.journal, "\(file): no deploy line") }
        return journal
    }

    private static func fields(_ entry: ManifestEntry?) -> [String] {
        guard let entry else { return ["", "", "", ""] }
        return [entry.blobID, String(entry.mode, radix: 8), entry.owner, entry.group]
    }

    private static func manifestEntry(
        _ record: RecordCodec.Record, from index: Int, path: String
    ) throws -> ManifestEntry? {
        guard let blobID = try record.optional(index) else { return nil }
        return ManifestEntry(
            path: path, blobID: blobID, mode: try record.octal(index + 1), owner: try record.string(index + 2),
            group: try record.string(index + 3))
    }
}
