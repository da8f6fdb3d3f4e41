import JournalLog
import Logging

/// The service's journal lines, through swift-log (`JournalLogHandler`), written as
/// `confsync serve`, in the agent's format.
enum ServiceLog {
    static let logger = Logger.journal("confsync.serve", program: "confsync serve")

    static func write(_ level: Logger.Level, _ message: String) {
        logger.log(level: level, "\(message)")
    }
}
