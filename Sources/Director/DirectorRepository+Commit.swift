import Diagnostics
import GitStore
import Posix
import Validation

extension DirectorRepository {
    /// Snapshots the live managed files, validates them and commits them to `main`.
    /// Holds the repository lock; a concurrent `git push` is caught by the ref compare-and-swap.
    /// Refuses (`.conflict`) when `main` moved on (replicated from a peer director) for files
    /// that are live here still as they were: committing them would undo those commits.
    /// `force` commits anyway. Another commit in progress is waited for (`wait`); when it
    /// committed the live files meanwhile, the result says so (`committedWhileWaiting`).
    /// With `kept` and `changed`, the scan looks only at the paths that may have changed
    /// since the kept one (see `KeptScan`), and keeps its own in `kept` for the next.
    public func commit(
        message: String, author: Signature, force: Bool = false, wait: LockWait = LockWait(),
        validation: Validator.Options = .init(), kept: KeptScan? = nil, changed: Set<ManagedPath>? = nil
    ) throws -> CommitResult {
        let headBefore = try head()?.id
        let lock = try RepositoryLock(repository: path, purpose: "commit", wait: wait)
        defer { withExtendedLifetime(lock) {} }
        let (live, diagnostics) = try scanLive(kept: kept, changed: changed)
        guard let scan = live, !diagnostics.hasErrors else {
            try recordRefusal(author: author, message: message, head: headBefore, diagnostics: diagnostics)
            return CommitResult(.invalid, diagnostics: diagnostics)
        }
        let stale = force ? [] : try stalePaths(live: scan.tree, head: head())
        guard stale.isEmpty else {
            throw DirectorError(
                .conflict,
                "main has moved on (replicated from a peer director) for files still live here as they were: "
                    + stale.map(\.managed).joined(separator: ", ")
                    + "; committing them would undo those commits. Bring the live files to main first "
                    + "('confsync rollback HEAD --apply', or a deploy from the peer), or commit anyway with --force")
        }
        var result = try commitTree(scan.tree, message: message, author: author, scan: scan, validation: validation)
        saveStatCache(of: scan)
        switch result.outcome {
        case .committed(let commit, _):
            markLiveFiles(at: commit.id)
            scan.keep(in: kept)
        case .nothingToCommit:
            scan.keep(in: kept)
            if let head = try head() {
                markLiveFiles(at: head.id)
                if lock.waited && head.id != headBefore { result.committedWhileWaiting = head }
            }
        case .invalid:
            try recordRefusal(author: author, message: message, head: headBefore, diagnostics: result.diagnostics)
        }
        result.diagnostics = mergeDiagnostics(diagnostics, result.diagnostics)
        return result
    }

    /// Records a refused commit for the audit (`RefusedCommits`) before it is reported.
    private func recordRefusal(author: Signature, message: String, head: ObjectID?, diagnostics: [Diagnostic]) throws {
        let record = RefusedCommit(author: author, message: message, head: head, diagnostics: diagnostics, root: root)
        do {
            try RefusedCommits(repository: path).append(record)
        } catch {
            throw DirectorError(.io, "the commit was refused as invalid, and the refusal could not be recorded for the audit: \(error)")
        }
    }

    /// A new commit that undoes `revision`'s changes (per file, content and attributes).
    /// Fails with `.conflict` if a file it touched changed again since.
    public func revert(_ revision: String, author: Signature) throws -> CommitResult {
        let lock = try RepositoryLock(repository: path)
        defer { withExtendedLifetime(lock) {} }
        let target = try resolve(revision)
        let parent = try target.parents.first.map { try repository.commit($0) }
        let before = try tree(of: parent)
        let after = try tree(of: target)
        var result = try tree(of: head())
        var conflicts: [ManagedPath] = []
        for change in before.changes(to: after) {
            let current = result.files[change.path]
            if current == change.new {
                result.files[change.path] = change.old
            } else if current != change.old {
                conflicts.append(change.path)
            }
        }
        guard conflicts.isEmpty else {
            throw DirectorError(
                .conflict,
                "cannot revert \(target.id.short): changed again since: \(conflicts.map(\.managed).joined(separator: ", "))"
                    + "; use 'confsync rollback' to go back to a whole earlier state")
        }
        let message = "Revert \"\(target.summary)\"\n\nThis reverts commit \(target.id.hex).\n"
        return try commitTree(result, message: message, author: author)
    }

    /// A new commit whose files equal `revision`'s: "go back to how it was".
    public func rollback(to revision: String, author: Signature) throws -> CommitResult {
        let lock = try RepositoryLock(repository: path)
        defer { withExtendedLifetime(lock) {} }
        let target = try resolve(revision)
        let message = "Roll back to \(target.id.short) \"\(target.summary)\"\n\nThe files are as of commit \(target.id.hex).\n"
        return try commitTree(try tree(of: target), message: message, author: author)
    }

    /// Validates `tree` and commits it on top of `main` with compare-and-swap, retrying
    /// when another writer moved `main` meanwhile. Caller holds the lock.
    /// With `scan`, the live files `tree` came from: its stat cache spares reading and rewriting
    /// the head's whole tree, and learns the tree written.
    func commitTree(
        _ tree: ManagedTree, message: String, author: Signature, scan: LiveScan? = nil,
        validation: Validator.Options = .init()
    ) throws -> CommitResult {
        var validated: [Diagnostic]?
        for _ in 0..<8 {
            let head = try head()
            let changes = try scan.map { try self.changes(from: head, to: $0) }
                ?? self.tree(of: head).changes(to: tree)
            if changes.isEmpty { return CommitResult(.nothingToCommit, diagnostics: validated ?? []) }
            if validated == nil {
                let report = validate(tree, options: validation)
                if !report.isValid { return CommitResult(.invalid, diagnostics: report.diagnostics) }
                validated = report.diagnostics
            }
            let treeID: ObjectID
            if let head, scan?.canUpdate(headTree: head.tree) == true {
                treeID = try tree.write(updating: head.tree, with: changes, to: repository)
            } else {
                treeID = try tree.write(to: repository)
            }
            do {
                let id = try repository.createCommit(
                    tree: treeID, parents: head.map { [$0.id] } ?? [], author: author, committer: author,
                    message: message, updating: Self.branch, expected: head?.id)
                scan?.wrote(tree: treeID)
                return CommitResult(.committed(try repository.commit(id), changes), diagnostics: validated ?? [])
            } catch let error as GitError where error.code == .refChanged {
                continue
            }
        }
        throw DirectorError(.conflict, "\(Self.branch) kept moving while committing; try again")
    }

    private func mergeDiagnostics(_ a: [Diagnostic], _ b: [Diagnostic]) -> [Diagnostic] {
        var seen = Set<Diagnostic>()
        return (a + b).filter { seen.insert($0).inserted }
    }
}
