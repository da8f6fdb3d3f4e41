import Director
import GitStore
import Posix

/// `log`: which commits to list.
public struct LogRequest: Sendable {
    /// Only commits that changed this managed path (a file or a directory); nil: every
    /// commit. `path(named:)` reads one as a query names it.
    public var path: ManagedPath?
    /// At most this many, newest first.
    public var limit: Int?
    /// Also each commit's file changes against its first parent.
    public var withChanges: Bool

    public init(path: ManagedPath? = nil, limit: Int? = nil, withChanges: Bool = true) {
        self.path = path
        self.limit = limit
        self.withChanges = withChanges
    }

    /// The managed path a query names: absolute or without its leading "/" ("etc/squid3"
    /// is "/etc/squid3"), trailing "/" ignored; nil for "/" or "", the whole tree. A path
    /// that is not a managed one is kept as written, and the history says why it is not.
    public static func path(named text: String) -> ManagedPath? {
        let path = ManagedPath(unchecked: text)
        guard !path.tree.isEmpty else { return nil }
        return (try? ManagedPath(tree: path.tree)) ?? path
    }
}

/// One commit of the history.
public struct LogEntry: Sendable, Equatable, Encodable {
    public var commit: CommitSummary
    /// Empty unless the request asked for changes.
    public var changes: [ChangeSummary]
}

extension DirectorOperations {
    /// The history of main, newest first; empty before the first commit.
    public func log(_ request: LogRequest) throws -> [LogEntry] {
        guard let head = try director.head() else { return [] }
        let commits = try director.repository.log(from: head.id, path: request.path?.tree, limit: request.limit)
        return try commits.map { commit in
            guard request.withChanges else { return LogEntry(commit: CommitSummary(commit), changes: []) }
            let parent = try commit.parents.first.map { try director.repository.commit($0) }
            return LogEntry(
                commit: CommitSummary(commit), changes: try director.changes(from: parent, to: commit).map(ChangeSummary.init))
        }
    }
}
