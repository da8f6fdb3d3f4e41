import Diagnostics
import Director
import GitStore
import Posix

/// Which tree a reconcile commit takes.
public enum Resolution: String, Sendable, CaseIterable {
    /// This director's files; the peer's head is kept under `refs/confsync/diverged/`.
    case ours
    /// The peer's files; this director's head is kept under `refs/confsync/diverged/`.
    case theirs
    /// Both: files changed on one side only are taken, conflicts go by the group's `auto`.
    case merge
}

/// What `reconcile` wrote.
public struct ReconcileOutcome: Sendable {
    /// The reconcile commit: parents main here and the peer's main, so no commit is lost and
    /// both mains can move to it forward.
    public var commit: Commit
    public var resolution: Resolution
    public var divergence: Divergence
    /// The reference naming the head whose files were not taken (`ours`/`theirs`).
    public var keptRef: String?
    /// Conflicting files settled by the group's `auto`, with the side that won each.
    public var settled: [(path: ManagedPath, side: Side)]
    /// The files that differ from main here before (what the live files lack).
    public var changes: [FileChange]
    /// Warnings and notes from validating a merged tree.
    public var diagnostics: [Diagnostic]
}
