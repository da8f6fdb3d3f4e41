/// What an apply did.
public struct ApplyReport: Sendable, Equatable {
    public var status: ApplyStatus
    /// The node's commit after the apply.
    public var commit: String?
    /// Once files were written (applied, failed actions, rolled back): one outcome per change,
    /// as written before any rollback. When refused or failed before writing: the offending files.
    public var files: [FileOutcome]
    /// Every command that ran, in order (re-runs after a rollback last).
    public var actions: [ActionResult]
    public var message: String

    public init(status: ApplyStatus, commit: String?, files: [FileOutcome], actions: [ActionResult], message: String) {
        self.status = status
        self.commit = commit
        self.files = files
        self.actions = actions
        self.message = message
    }
}

/// What happened to one file.
public struct FileOutcome: Sendable, Equatable {
    public enum Status: String, Sendable {
        case written, deleted, unchanged, drifted, refused, failed
    }

    public var path: String
    public var status: Status
    public var message: String
    /// The live content that did not match: with `drifted` (apply refused), or with
    /// `written`/`deleted` when a forced apply overwrote a drifted file. Nil when the
    /// live file was missing or not a regular file.
    public var driftedContent: [UInt8]?

    public init(path: String, status: Status, message: String = "", driftedContent: [UInt8]? = nil) {
        self.path = path
        self.status = status
        self.message = message
        self.driftedContent = driftedContent
    }
}
