import Agent
import JournalLog
import Logging

/// The service's journal lines, through swift-log (`JournalLogHandler`): the agent's format
/// (`AgentLog`), written as `confsync serve`.
enum ServiceLog {
    static let logger = Logger(label: "confsync.serve") { _ in JournalLogHandler(program: "confsync serve") }

    static func write(_ level: AgentLog.Level, _ message: String) {
        logger.log(level: level.loggerLevel, "\(message)")
    }
}

extension AgentLog.Level {
    /// The swift-log level of the same name.
    var loggerLevel: Logger.Level {
        switch self {
        case .error: .error
        case .warning: .warning
        case .notice: .notice
        case .info: .info
        }
    }
}
