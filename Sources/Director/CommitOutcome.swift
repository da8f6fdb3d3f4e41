import Diagnostics
import GitStore

/// What a commit-producing operation (commit, revert, rollback, adopt) did.
public enum CommitOutcome: Sendable {
    /// The new commit and what it changed.
    case committed(Commit, [FileChange])
    /// The candidate equals the current head: no commit was written.
    case nothingToCommit
    /// Validation failed: no commit was written (the errors are in the result's diagnostics).
    case invalid
}

/// An outcome with every diagnostic seen on the way (errors, warnings and notes, file order).
public struct CommitResult: Sendable {
    public var outcome: CommitOutcome
    public var diagnostics: [Diagnostic]
    /// With `.nothingToCommit` after waiting for another commit: the head that commit left,
    /// which holds the live files (they went in under its message).
    public var committedWhileWaiting: Commit?

    public init(_ outcome: CommitOutcome, diagnostics: [Diagnostic]) {
        self.outcome = outcome
        self.diagnostics = diagnostics
    }
}
