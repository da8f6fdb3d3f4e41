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
    public let location: SourceLocation

    public init(
        patterns: [PathPattern], commands: [String], logfile: String? = nil,
        doLocal: Bool = false, doLocalOnly: Bool = false, location: SourceLocation
    ) {
        self.patterns = patterns
        self.commands = commands
        self.logfile = logfile
        self.doLocal = doLocal || doLocalOnly
        self.doLocalOnly = doLocalOnly
        self.location = location
    }
}
