import Agent

/// The service's journal lines: `AgentLog`'s format, written as `confsync serve`.
enum ServiceLog {
    static func write(_ level: AgentLog.Level, _ message: String) {
        AgentLog.write(level, message, program: "confsync serve")
    }
}
