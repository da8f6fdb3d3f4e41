/// An action triggered by this deploy: its commands run once, after the files are in place.
public struct ActionRequest: Codable, Sendable, Equatable {
    /// The cluster file's pattern that matched (reported back, not interpreted here).
    public var pattern: String
    /// Shell commands, run in order with `/bin/sh -c`; `%%` becomes the changed live paths.
    public var commands: [String]
    /// Absolute path (under the root) that receives each command's output, or nil.
    public var logfile: String?
    /// The changed paths this action is for. Only those the apply actually wrote or
    /// deleted count: when none of them changed on this node, the action does not run.
    public var paths: [String]
    /// How long each command may run, in milliseconds; nil: `ApplyEngine.Options.actionTimeout`.
    public var timeoutMillis: Int?
    /// Run on each new file of `paths`, staged beside its target (`%%`: the staged copy),
    /// before anything is replaced: a non-zero exit refuses the apply. nil: no check.
    public var verify: String?

    public init(
        pattern: String, commands: [String], logfile: String? = nil, paths: [String], timeoutMillis: Int? = nil,
        verify: String? = nil
    ) {
        self.verify = verify
        self.pattern = pattern
        self.commands = commands
        self.logfile = logfile
        self.paths = paths
        self.timeoutMillis = timeoutMillis
    }
}

/// What one command did.
public struct ActionResult: Codable, Sendable, Equatable {
    public var pattern: String
    public var command: String
    /// Exit status; 128 + signal when killed by a signal; 127 when it could not start.
    public var exitStatus: Int32
    /// The last bytes of stdout and stderr together (4 KB by default).
    public var outputTail: String
    public var durationMillis: Int
    /// True when the command ran past the timeout and was killed.
    public var timedOut: Bool
    /// True for a command re-run against the restored files after a rollback.
    public var afterRollback: Bool

    public init(
        pattern: String, command: String, exitStatus: Int32, outputTail: String, durationMillis: Int,
        timedOut: Bool = false, afterRollback: Bool = false
    ) {
        self.pattern = pattern
        self.command = command
        self.exitStatus = exitStatus
        self.outputTail = outputTail
        self.durationMillis = durationMillis
        self.timedOut = timedOut
        self.afterRollback = afterRollback
    }

    /// True when the command exited with status 0.
    public var succeeded: Bool { exitStatus == 0 }
}
