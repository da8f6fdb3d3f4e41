import Diagnostics
import Director

/// `status`: the live managed files against the last commit.
public struct StatusResult: Sendable {
    /// The commit at main, nil before the first.
    public var head: CommitSummary?
    /// What the live files change, sorted by path.
    public var changes: [ChangeSummary]
    /// Cluster-file problems and files that cannot be managed (errors keep them out of `changes`).
    public var diagnostics: [Diagnostic]
    /// The running director service's schedule, when one runs for this root.
    public var service: ServiceRecord?

    public var isClean: Bool { changes.isEmpty }
}

extension StatusResult: Encodable {
    enum CodingKeys: String, CodingKey { case head, changes, diagnostics, service }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(head, forKey: .head)
        try container.encode(changes, forKey: .changes)
        try container.encode(diagnostics.map(DiagnosticSummary.init), forKey: .diagnostics)
        try container.encodeIfPresent(service, forKey: .service)
    }
}

extension DirectorOperations {
    public func status() throws -> StatusResult {
        let head = try director.head()
        let (changes, diagnostics) = try director.status()
        return StatusResult(
            head: head.map(CommitSummary.init), changes: changes.map(ChangeSummary.init), diagnostics: diagnostics,
            service: ServiceRecord.current(root: director.root))
    }
}
