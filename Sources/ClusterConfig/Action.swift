import Diagnostics

/// An `action { ... }` of a group: commands run once per deploy on a node when a changed
/// file of the group matches one of the patterns.
public struct Action: Sendable {
    /// `pattern` words, matched against the whole path; empty = every file of the group
    /// (as in csync2).
    public let patterns: [PathPattern]
    /// `exec` commands, run by `/bin/sh -c`; `%%` stands for the matching paths.
    public let commands: [String]
    /// `logfile`: where the commands' output goes (csync2's default is /dev/null).
    public let logfile: String?
    /// `do-local`: also run on the director where the change was made.
    public let doLocal: Bool
    /// `do-local-only`: run only there, never on nodes (implies `doLocal`).
    public let doLocalOnly: Bool
    /// `timeout`: how long each command may run on a node, in milliseconds (confsync's own
    /// statement); nil = the node's `action-timeout`.
    public let timeoutMillis: Int?
    /// `verify "CMD";` (confsync's own statement): run by the node on each new file the action
    /// is for, staged beside its target, before any file of the deploy is replaced; `%%` is
    /// the staged file. A non-zero exit refuses the whole apply: the node keeps its files.
    public let verify: String?
    public let location: SourceLocation

    public init(
        patterns: [PathPattern], commands: [String], logfile: String? = nil,
        doLocal: Bool = false, doLocalOnly: Bool = false, timeoutMillis: Int? = nil, verify: String? = nil,
        location: SourceLocation
    ) {
        self.verify = verify
        self.patterns = patterns
        self.commands = commands
        self.logfile = logfile
        self.doLocal = doLocal || doLocalOnly
        self.doLocalOnly = doLocalOnly
        self.timeoutMillis = timeoutMillis
        self.location = location
    }

    /// This action with `timeoutMillis` set to `millis`.
    func withTimeout(_ millis: Int?) -> Action {
        Action(
            patterns: patterns, commands: commands, logfile: logfile, doLocal: doLocal, doLocalOnly: doLocalOnly,
            timeoutMillis: millis, verify: verify, location: location)
    }
}
