import Deploy

/// A deploy as the service reports it.
public struct DeploySummaryResult: Sendable, Encodable {
    public struct Node: Sendable, Encodable {
        public var node: String
        public var status: String
        public var message: String
    }

    public var deployID: String
    public var commit: String
    public var succeeded: Bool
    public var nodes: [Node]

    init(_ report: DeployReport) {
        deployID = report.deployID
        commit = report.commit
        succeeded = report.succeeded
        nodes = report.outcomes.map { Node(node: $0.node, status: $0.status.rawValue, message: $0.message) }
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
