import Diagnostics
import Director
import GitStore

/// A commit as results show it: ids in hex (the form for people and JSON).
public struct CommitSummary: Sendable, Equatable, Encodable {
    public var id: String
    public var shortID: String
    public var author: String
    public var email: String
    /// Seconds since the Unix epoch, and the author's UTC offset in minutes.
    public var time: Int64
    public var offsetMinutes: Int32
    public var summary: String
    public var message: String
    public var parents: [String]

    public init(_ commit: Commit) {
        id = commit.id.hex
        shortID = commit.id.short
        author = commit.author.name
        email = commit.author.email
        time = commit.author.time
        offsetMinutes = commit.author.offsetMinutes
        summary = commit.summary
        message = commit.message
        parents = commit.parents.map(\.hex)
    }
}

/// One file's change as results show it: `A`/`D`/`M`/`T`, the managed path, and the line
/// `status` prints.
public struct ChangeSummary: Sendable, Equatable, Encodable {
    public var kind: String
    public var path: String
    public var line: String

    public init(_ change: FileChange) {
        kind = change.kind.rawValue
        path = change.path.managed
        line = change.summary
    }
}

/// A diagnostic as results carry it.
public struct DiagnosticSummary: Sendable, Equatable, Encodable {
    public var severity: String
    public var path: String
    public var line: Int
    public var column: Int
    public var message: String
    /// `path:line:col: severity: message`, with its notes on the following lines.
    public var text: String

    public init(_ diagnostic: Diagnostic) {
        severity = diagnostic.severity.rawValue
        path = diagnostic.location.path
        line = diagnostic.location.line
        column = diagnostic.location.column
        message = diagnostic.message
        text = diagnostic.description
    }
}
