import Diagnostics
import Director
import GitStore
import Posix

/// `show`: a commit, its changes and their unified diff.
public struct ShowResult: Sendable, Encodable {
    public var commit: CommitSummary
    public var changes: [ChangeSummary]
    /// git's unified diff, with owner/group/mode changes spelled out (`TreeDiff`).
    public var diff: String
}

/// `diff`: what to compare. Neither: the last commit against the live files; `from` only:
/// that commit against the live files; both: two commits.
public struct DiffRequest: Sendable {
    public var from: String?
    public var to: String?

    public init(from: String? = nil, to: String? = nil) {
        self.from = from
        self.to = to
    }
}

public struct DiffResult: Sendable, Encodable {
    public var changes: [ChangeSummary]
    public var diff: String
}

/// One line of `blame`.
public struct BlameEntry: Sendable, Equatable, Encodable {
    public var line: Int
    public var commit: String
    public var shortCommit: String
    public var author: String
    public var time: Int64
    public var offsetMinutes: Int32
    public var text: String
}

/// An operation that could not run on what it was given (not a failure of I/O): an invalid
/// live cluster file, say. Its diagnostics say why.
public struct OperationError: Error, CustomStringConvertible, Sendable {
    public enum Code: Sendable { case invalid }
    public var code: Code
    public var message: String
    public var diagnostics: [Diagnostic]

    public var description: String { message }
}

extension DirectorOperations {
    public func show(_ revision: String) throws -> ShowResult {
        let commit = try director.resolve(revision)
        let parent = try commit.parents.first.map { try director.repository.commit($0) }
        let changes = try director.changes(from: parent, to: commit)
        return ShowResult(
            commit: CommitSummary(commit), changes: changes.map(ChangeSummary.init),
            diff: try TreeDiff.render(changes, repository: director.repository))
    }

    /// Throws `OperationError(.invalid)` when the live files are compared and the live
    /// cluster file has errors.
    public func diff(_ request: DiffRequest) throws -> DiffResult {
        let old: ManagedTree
        let new: ManagedTree
        if let to = request.to {
            old = try director.tree(of: director.resolve(request.from ?? "HEAD"))
            new = try director.tree(of: director.resolve(to))
        } else {
            old = try request.from.map { try director.tree(of: director.resolve($0)) } ?? director.tree(of: director.head())
            let (tree, diagnostics) = try director.snapshotLive()
            if diagnostics.hasErrors {
                throw OperationError(code: .invalid, message: "the live cluster file is invalid", diagnostics: diagnostics)
            }
            new = tree
        }
        let changes = old.changes(to: new)
        return DiffResult(changes: changes.map(ChangeSummary.init), diff: try TreeDiff.render(changes, repository: director.repository))
    }

    /// Who last changed each line of managed file `path` as of `revision`.
    public func blame(_ path: String, at revision: String = "HEAD") throws -> [BlameEntry] {
        let commit = try director.resolve(revision)
        let lines = try director.repository.blame(path: try ManagedPath(managed: path).tree, at: commit.id)
        return lines.map {
            BlameEntry(
                line: $0.line, commit: $0.commit.hex, shortCommit: $0.commit.short, author: $0.author.name,
                time: $0.author.time, offsetMinutes: $0.author.offsetMinutes, text: $0.text)
        }
    }

    /// Managed file `path` as it was at `revision`: its bytes, or nil when the commit has no
    /// such file.
    public func file(_ path: String, at revision: String = "HEAD") throws -> [UInt8]? {
        let tree = try director.tree(of: director.resolve(revision))
        // A path that is not a managed one names no file.
        guard let path = try? ManagedPath(managed: path), let file = tree.files[path] else { return nil }
        return try director.repository.readBlob(file.entry.id)
    }
}
