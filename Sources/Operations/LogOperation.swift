import Director
import GitStore
import Posix

/// `log`: which commits to list.
public struct LogRequest: Sendable {
    /// Only commits that changed this managed path (a file or a directory), absolute or
    /// without its leading "/" ("etc/squid3", as a query names it): the same tree path.
    public var path: String?
    /// At most this many, newest first.
    public var limit: Int?
    /// Also each commit's file changes against its first parent.
    public var withChanges: Bool

    public init(path: String? = nil, limit: Int? = nil, withChanges: Bool = true) {
        self.path = path
        self.limit = limit
        self.withChanges = withChanges
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
        // A file or a directory, as typed ("/" or "" for the whole tree, whose tree form is "").
        let treePath = request.path.map { ManagedPath(unchecked: $0).tree }
        let commits = try director.repository.log(from: head.id, path: treePath, limit: request.limit)
        return try commits.map { commit in
            guard request.withChanges else { return LogEntry(commit: CommitSummary(commit), changes: []) }
            let parent = try commit.parents.first.map { try director.repository.commit($0) }
            return LogEntry(
                commit: CommitSummary(commit), changes: try director.changes(from: parent, to: commit).map(ChangeSummary.init))
        }
    }
}
