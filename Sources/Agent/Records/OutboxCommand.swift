/// One command to run for a deploy: an entry of an outbox file (and of the journal).
struct OutboxCommand: Equatable {
    /// Position in the deploy's command list (the done log names commands by it).
    var index: Int
    var pattern: String
    /// Absolute path under the root, or nil.
    var logfile: String?
    var command: String
    /// The changed paths `%%` stands for.
    var paths: [String]
    /// The action's own timeout in milliseconds; nil: the engine's `actionTimeout`.
    var timeoutMillis: Int?
    /// A pending command (one that failed before) run again with this deploy, rather than
    /// one of the deploy's own: its failure does not roll the deploy back.
    var retry = false

    /// The lines that store it: `command <index> <pattern> <logfile> <command> <path>...`,
    /// then `limit <index> <timeout ms>` when it has a timeout of its own and `retry <index>`
    /// for a retry (the paths run to the end of the `command` line, so extras get lines of
    /// their own).
    var records: [[String]] {
        var lines = [["command", String(index), pattern, logfile ?? "", command] + paths]
        if let timeoutMillis { lines.append(["limit", String(index), String(timeoutMillis)]) }
        if retry { lines.append(["retry", String(index)]) }
        return lines
    }

    init(
        index: Int, pattern: String, logfile: String?, command: String, paths: [String], timeoutMillis: Int? = nil,
        retry: Bool = false
    ) {
        self.index = index
        self.pattern = pattern
        self.logfile = logfile
        self.command = command
        self.paths = paths
        self.timeoutMillis = timeoutMillis
        self.retry = retry
    }

    init(_ record: RecordCodec.Record) throws {
        index = try record.int(1)
        pattern = try record.string(2)
        logfile = try record.optional(3)
        command = try record.string(4)
        paths = Array(record.fields.dropFirst(5))
    }

    /// Keywords of the lines `records` adds after a command's own.
    static let extraKeywords: Set<String> = ["limit", "retry"]

    /// Applies an extra line (`limit`, `retry`) to the command it names in `commands`.
    static func applyExtra(_ record: RecordCodec.Record, to commands: inout [OutboxCommand]) throws {
        let index = try record.int(1)
        guard let position = commands.lastIndex(where: { $0.index == index }) else {
            throw record.malformed("'\(record.keyword)' for command \(index), which is not above it")
        }
        switch record.keyword {
        case "limit":
            let millis = try record.int(2)
            guard millis > 0 else { throw record.malformed("timeout \(millis) is not above 0") }
            commands[position].timeoutMillis = millis
        case "retry":
            commands[position].retry = true
        default:
            throw record.malformed("unknown record '\(record.keyword)'")
        }
    }
}
