import Foundation

/// One line of the agent's log: a sentence with a level. To the journal (a systemd service's
/// stderr, `JOURNAL_STREAM` set) with the `<N>` priority prefix journald reads; elsewhere as
/// `confsync agent: LEVEL: sentence`.
public enum AgentLog {
    public enum Level: Int, Sendable {
        case error = 3, warning = 4, notice = 5, info = 6

        var word: String {
            switch self {
            case .error: "error"
            case .warning: "warning"
            case .notice: "notice"
            case .info: "info"
            }
        }
    }

    /// The line for `message` at `level`, as it is written.
    public static func line(
        _ level: Level, _ message: String, program: String = "confsync agent", journal: Bool = toJournal
    ) -> String {
        journal ? "<\(level.rawValue)>\(message)" : "\(program): \(level.word): \(message)"
    }

    /// Writes one line to standard error; `program` names the writer outside the journal.
    public static func write(_ level: Level, _ message: String, program: String = "confsync agent") {
        FileHandle.standardError.write(Data((line(level, message, program: program) + "\n").utf8))
    }

    /// Whether standard error is the journal (systemd sets JOURNAL_STREAM for a service).
    public static var toJournal: Bool { ProcessInfo.processInfo.environment["JOURNAL_STREAM"] != nil }
}

extension RecoveryReport {
    /// What recovery did, in one sentence.
    public var sentence: String {
        let deploy = deployID.map { "deploy \($0)" } ?? "an apply"
        var text: String
        switch resolution {
        case .nothingInFlight: text = "recovery: no apply was in flight"
        case .discardedStaging: text = "recovery: \(deploy) stopped before its journal; its staged files were removed, nothing was replaced"
        case .completed: text = "recovery: \(deploy) stopped after its journal and was finished (every new file in place)"
        case .rolledBack: text = "recovery: \(deploy) stopped after its journal and was undone (every old file back)"
        }
        if let stopped { text += "; stopped a command an earlier agent left running: \(stopped)" }
        if !actions.isEmpty {
            let failed = actions.filter { $0.exitStatus != 0 }.count
            text += "; ran \(actions.count) command(s)" + (failed > 0 ? ", \(failed) failed" : "")
        }
        if !removed.isEmpty { text += "; removed \(removed.count) leftover file(s)" }
        return text
    }
}
