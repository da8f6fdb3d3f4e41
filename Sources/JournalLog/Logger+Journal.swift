import Logging

extension Logger {
    /// A logger whose lines go through `JournalLogHandler` as `program` (`confsync agent`,
    /// `confsync serve`, ...), whatever handler the process bootstrapped, if any.
    public static func journal(_ label: String, program: String) -> Logger {
        Logger(label: label) { _ in JournalLogHandler(program: program) }
    }
}
