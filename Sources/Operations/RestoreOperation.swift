import Director
import Posix

/// A revert or rollback that also writes the restored files to the live paths (`--apply`,
/// and what the console's revert does): the live files would otherwise still hold what the
/// new commit undid, and the next commit would bring it back.
public struct RestoreResult: Sendable {
    public var commit: CommitResult
    /// The live files written (nil: not applied).
    public var applied: [FileChange]?
}

extension DirectorOperations {
    /// Live files edited since they were last in step with a commit (not merely stale): a
    /// restore that applies would overwrite them.
    public func uncommittedEdits() throws -> [ManagedPath] {
        let before = try director.tree(of: director.liveBase() ?? director.head())
        return try director.status().changes.filter { $0.new != before.files[$0.path] }.map(\.path)
    }

    /// Runs `makeCommit` (a revert or rollback); with `apply`, refuses first when live files
    /// have uncommitted edits (`DirectorError(.conflict)`, unless `force`), then writes the
    /// head's files to the live paths, also when there was nothing to commit (so that a
    /// rollback to HEAD brings stale live files to main).
    public func restore(apply: Bool, force: Bool, _ makeCommit: () throws -> CommitResult) throws -> RestoreResult {
        let before = try director.tree(of: director.liveBase() ?? director.head())
        if apply && !force {
            let edited = try uncommittedEdits()
            if !edited.isEmpty {
                throw DirectorError(
                    .conflict,
                    "live files have uncommitted edits: \(edited.map(\.managed).joined(separator: ", ")); commit them first, or use --force")
            }
        }
        let result = try makeCommit()
        if case .invalid = result.outcome { return RestoreResult(commit: result, applied: nil) }
        guard apply, let head = try director.head() else { return RestoreResult(commit: result, applied: nil) }
        let written = try director.applyToLive(try director.tree(of: head), previous: before, force: force)
        director.markLiveFiles(at: head.id)
        return RestoreResult(commit: result, applied: written)
    }
}
