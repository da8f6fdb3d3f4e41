import Posix

/// One outbox file: the commands of one deploy (or of its re-runs after a rollback).
///
/// `outbox/<deployID>.<phase>`:
/// ```
/// confsync-outbox 1
/// deploy  <deployID> <commit> <phase: forward | rollback>
/// command <k> <pattern> <logfile> <command> <path>...
/// limit   <k> <timeout ms>        (only for a command with a timeout of its own)
/// end
/// ```
/// `outbox/<deployID>.<phase>.done`: one line `<k> <exit status>` per command that ran,
/// fsynced after each. A command is pending while its index is not in the done log. A
/// deploy's own commands live in its journal and have only the done log `<deployID>.forward.done`;
/// the outbox files themselves hold the re-runs after a rollback (and, from agents before
/// the journal kept the commands, a deploy's commands).
struct OutboxFile: Equatable {
    static let kind = "confsync-outbox"

    var deployID: String
    /// The commit the files are at when the commands run (CONFSYNC_COMMIT).
    var commit: String
    var phase: Journal.Phase
    var commands: [OutboxCommand]

    var name: String { Self.name(deployID, phase) }

    static func name(_ deployID: String, _ phase: Journal.Phase) -> String {
        "\(deployID).\(phase.rawValue)"
    }

    func encode() -> [UInt8] {
        var writer = RecordCodec.Writer(kind: Self.kind)
        writer.append("deploy", deployID, commit, phase.rawValue)
        for command in commands { for line in command.records { writer.append(line) } }
        return writer.finished()
    }

    static func decode(_ bytes: [UInt8], file: String) throws -> OutboxFile {
        var outbox = OutboxFile(deployID: "", commit: "", phase: .forward, commands: [])
        for record in try RecordCodec.decode(bytes, kind: kind, file: file) {
            switch record.keyword {
            case "deploy":
                outbox.deployID = try record.string(1)
                outbox.commit = try record.string(2)
                guard let phase = Journal.Phase(rawValue: try record.string(3)) else {
                    throw record.malformed("unknown phase")
                }
                outbox.phase = phase
            case "command":
                outbox.commands.append(try OutboxCommand(record))
            case let keyword where OutboxCommand.extraKeywords.contains(keyword):
                try OutboxCommand.applyExtra(record, to: &outbox.commands)
            default:
                throw record.malformed("unknown record '\(record.keyword)'")
            }
        }
        return outbox
    }
}

/// The `outbox` directory: durable pending commands.
struct Outbox {
    static let directoryName = "outbox"
    static let doneSuffix = ".done"

    let directory: Directory

    /// Writes `file` durably with an empty done log (both exist once this returns).
    func write(_ file: OutboxFile) throws {
        let done = try directory.createFile(file.name + Self.doneSuffix)
        try done.sync()
        try directory.writeAtomically(file.name, file.encode())
    }

    /// The outbox file `name`; nil when absent.
    func load(_ name: String) throws -> OutboxFile? {
        guard let bytes = try directory.readFile(name) else { return nil }
        return try OutboxFile.decode(bytes, file: directory.entryPath(name))
    }

    /// Exit statuses of the commands of `name` that ran, by index. A torn last line (no LF)
    /// does not count.
    func done(_ name: String) throws -> [Int: Int32] {
        guard let bytes = try directory.readFile(name + Self.doneSuffix) else { return [:] }
        var statuses = [Int: Int32]()
        for line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast() {
            let fields = line.split(separator: UInt8(ascii: " ")).map { String(decoding: $0, as: UTF8.self) }
            if fields.count == 2, let index = Int(fields[0]), let status = Int32(fields[1]) { statuses[index] = status }
        }
        return statuses
    }

    /// Records durably that command `index` of `name` ran and exited with `status`.
    func markDone(_ name: String, _ index: Int, status: Int32) throws {
        let log = try directory.openForAppend(name + Self.doneSuffix, mode: 0o600)
        try log.write(Array("\(index) \(status)\n".utf8))
        try log.sync()
    }

    /// Removes `name` durably, then its done log.
    func remove(_ name: String) throws {
        try directory.removeDurably(name)
        try removeDoneLog(name)
    }

    /// Removes the done log of `name`, without an fsync: one that comes back after a power
    /// loss has no outbox file and is swept by `removeLeftovers`.
    func removeDoneLog(_ name: String) throws {
        try directory.remove(name + Self.doneSuffix)
    }

    /// Names of the outbox files present, sorted (per deploy: forward before rollback).
    func names() throws -> [String] {
        try directory.entries().filter { !$0.hasSuffix(Self.doneSuffix) && !$0.hasSuffix(".tmp") }.sorted()
    }

    /// Removes done logs without their file and unfinished temp files; their live paths.
    func removeLeftovers() throws -> [String] {
        let entries = Set(try directory.entries())
        var removed = [String]()
        for name in entries.sorted() {
            let orphanDone =
                name.hasSuffix(Self.doneSuffix) && !entries.contains(String(name.dropLast(Self.doneSuffix.count)))
            if orphanDone || name.hasSuffix(".tmp") {
                try directory.remove(name)
                removed.append(directory.entryPath(name))
            }
        }
        return removed
    }
}
