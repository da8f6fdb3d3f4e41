/// A command whose last run failed (non-zero exit, timed out, killed): it runs again with
/// every apply until it succeeds or the director drops it (`ApplyRequest.dropPendingActions`).
public struct PendingAction: Sendable, Equatable {
    public var pattern: String
    public var command: String
    public var logfile: String?
    /// The paths `%%` stands for when it runs again.
    public var paths: [String]
    /// Its action's own timeout, if any.
    public var timeoutMillis: Int?
    /// The deploy whose run of it failed last.
    public var deployID: String
    public var exitStatus: Int32
    /// When that run ended, in seconds since the Unix epoch.
    public var at: Int64

    public init(
        pattern: String, command: String, logfile: String?, paths: [String], timeoutMillis: Int?, deployID: String,
        exitStatus: Int32, at: Int64
    ) {
        self.pattern = pattern
        self.command = command
        self.logfile = logfile
        self.paths = paths
        self.timeoutMillis = timeoutMillis
        self.deployID = deployID
        self.exitStatus = exitStatus
        self.at = at
    }

    /// What makes two runs the same action: csync2 runs a (command, logfile) pair once per
    /// run; the pattern names the action.
    struct Key: Hashable {
        var pattern: String
        var command: String
        var logfile: String?
    }

    var key: Key { Key(pattern: pattern, command: command, logfile: logfile) }
}

extension OutboxCommand {
    var pendingKey: PendingAction.Key { PendingAction.Key(pattern: pattern, command: command, logfile: logfile) }
}
