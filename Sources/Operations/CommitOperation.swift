import Director
import GitStore
import Posix
import Validation

/// `commit` (and the commit half of `sync`): snapshot, validate, commit.
public struct CommitRequest: Sendable {
    public var message: String
    public var author: Signature
    /// Commit even where main moved on (replicated) for files still live here as they were.
    public var force: Bool
    /// How long to wait for another commit holding the repository lock.
    public var wait: LockWait
    /// `--allow-weakened` and the like.
    public var validation: Validator.Options
    /// For a process that stays up: its kept scan, and the managed paths that may have
    /// changed since (nil: scan everything). See `KeptScan`.
    public var kept: KeptScan?
    public var changed: Set<ManagedPath>?

    public init(
        message: String, author: Signature, force: Bool = false, wait: LockWait = LockWait(),
        validation: Validator.Options = .init()
    ) {
        self.message = message
        self.author = author
        self.force = force
        self.wait = wait
        self.validation = validation
    }
}

extension DirectorOperations {
    /// The commit, nothing to commit, or invalid (with every diagnostic); conflicts throw
    /// `DirectorError(.conflict)`.
    public func commit(_ request: CommitRequest) throws -> CommitResult {
        try director.commit(
            message: request.message, author: request.author, force: request.force, wait: request.wait,
            validation: request.validation, kept: request.kept, changed: request.changed)
    }
}

extension DirectorOperations {
    /// A new commit that undoes `revision`'s changes; `.conflict` if a file it touched changed since.
    public func revert(_ revision: String, author: Signature) throws -> CommitResult {
        try director.revert(revision, author: author)
    }

    /// A new commit whose files equal `revision`'s.
    public func rollback(to revision: String, author: Signature) throws -> CommitResult {
        try director.rollback(to: revision, author: author)
    }
}
