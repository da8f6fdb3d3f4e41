import Foundation
import Logging

/// A swift-log handler for a daemon's standard error, one line per event: under systemd
/// (`JOURNAL_STREAM` set) with the `<N>` syslog priority prefix journald reads, elsewhere as
/// `PROGRAM: LEVEL: message`. Metadata follows the message as ` key=value`, sorted.
public struct JournalLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public let program: String
    /// Whether lines go to the journal (with the priority prefix).
    public let journal: Bool
    private let write: @Sendable (String) -> Void

    /// A handler writing to standard error.
    public init(program: String, journal: Bool = JournalLogHandler.toJournal) {
        self.init(program: program, journal: journal) { line in
            FileHandle.standardError.write(Data(line.utf8))
        }
    }

    /// A handler handing each line (with its newline) to `write`.
    public init(program: String, journal: Bool, write: @escaping @Sendable (String) -> Void) {
        self.program = program
        self.journal = journal
        self.write = write
    }

    /// Whether standard error is the journal (systemd sets JOURNAL_STREAM for a service).
    public static var toJournal: Bool { ProcessInfo.processInfo.environment["JOURNAL_STREAM"] != nil }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        write(line(event.level, "\(event.message)", metadata: metadata.merging(event.metadata ?? [:]) { $1 }) + "\n")
    }

    /// The line for `message` at `level`, without its newline.
    public func line(_ level: Logger.Level, _ message: String, metadata: Logger.Metadata = [:]) -> String {
        let fields = metadata.sorted { $0.key < $1.key }.map { " \($0.key)=\($0.value)" }.joined()
        return journal
            ? "<\(Self.priority(level))>\(message)\(fields)"
            : "\(program): \(Self.word(level)): \(message)\(fields)"
    }

    /// syslog's priority for a level (journald's `<N>`).
    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .critical: 2
        case .error: 3
        case .warning: 4
        case .notice: 5
        case .info: 6
        case .debug, .trace: 7
        }
    }

    static func word(_ level: Logger.Level) -> String {
        switch level {
        case .critical: "critical"
        case .error: "error"
        case .warning: "warning"
        case .notice: "notice"
        case .info: "info"
        case .debug: "debug"
        case .trace: "trace"
        }
    }
}
