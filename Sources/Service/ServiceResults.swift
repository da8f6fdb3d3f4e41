import Deploy

/// A deploy as the service reports it.
public struct DeploySummaryResult: Sendable, Encodable {
    public struct Node: Sendable, Encodable {
        public var node: String
        public var status: String
        public var message: String
    }

    /// Nil when nothing was deployed because nothing had changed (`asOf`).
    public var deployID: String?
    public var commit: String
    public var succeeded: Bool
    public var nodes: [Node]
    /// When the answer is what the service knew rather than what the nodes said (a sync with
    /// nothing to do asks no node): when the nodes were last reached, Unix seconds.
    public var asOf: Int64?

    init(_ report: DeployReport) {
        deployID = report.deployID
        commit = report.commit.hex
        succeeded = report.succeeded
        nodes = report.outcomes.map { Node(node: $0.node, status: $0.status.rawValue, message: $0.message) }
    }

    /// Every node of `settled` up to date at its commit, as last reached.
    init(_ settled: WarmState.Settled) {
        commit = settled.head
        succeeded = true
        nodes = settled.nodes.map { Node(node: $0, status: NodeOutcome.Status.upToDate.rawValue, message: "") }
        asOf = Int64(settled.checked.timeIntervalSince1970)
    }
}

/// What `commit` did, as the service reports it.
public struct CommitSummaryResult: Sendable, Encodable {
    public enum Outcome: String, Sendable, Encodable {
        case committed
        case nothingToCommit = "nothing-to-commit"
        case invalid
    }

    public var outcome: Outcome
    public var commit: String?
    public var diagnostics: [String]
}

/// `sync`: the commit half and the deploy half.
public struct SyncResult: Sendable, Encodable {
    public var commit: CommitSummaryResult
    public var deploy: DeploySummaryResult?
}
