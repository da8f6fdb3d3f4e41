/// One command to run for a deploy: an entry of an outbox file.
struct OutboxCommand: Equatable {
    /// Position in the deploy's command list (the done log names commands by it).
    var index: Int
    var pattern: String
    /// Absolute path under the root, or nil.
    var logfile: String?
    var command: String
    /// The changed paths `%%` stands for.
    var paths: [String]

    /// `command <index> <pattern> <logfile> <command> <path>...`
    var fields: [String] {
        ["command", String(index), pattern, logfile ?? "", command] + paths
    }

    init(index: Int, pattern: String, logfile: String?, command: String, paths: [String]) {
        self.index = index
        self.pattern = pattern
        self.logfile = logfile
        self.command = command
        self.paths = paths
    }

    init(_ record: RecordCodec.Record) throws {
        index = try record.int(1)
        pattern = try record.string(2)
        logfile = try record.optional(3)
        command = try record.string(4)
        paths = Array(record.fields.dropFirst(5))
    }
}
