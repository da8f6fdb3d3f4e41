import ClusterConfig
import Director
import GitStore
import Wire

/// What happened on one node.
public struct NodeOutcome: Sendable {
    public enum Status: String, Sendable, Codable {
        case upToDate = "up-to-date"
        case deployed
        case planned
        case refused
        case failed
        case rolledBack = "rolled-back"
        case unreachable
        case busy
    }

    public var node: String
    public var address: String
    public var status: Status
    /// The commit the node had before (nil: none, or unknown because it was unreachable).
    public var fromCommit: ObjectID?
    public var toCommit: ObjectID
    /// The planned file changes (what was sent, or would be with --dry-run).
    public var changes: [Director.FileChange] = []
    /// The actions planned for the node.
    public var plannedActions: [NodeChangeSet.PlannedAction] = []
    /// Per-file results from the node.
    public var files: [FileResult] = []
    /// Action results from the node.
    public var actions: [ActionResult] = []
    /// The node's pending actions as it reported them before the deploy (see `NodeState`).
    public var pendingActions: [PendingAction] = []
    /// Drifted files the node reported (their content is kept under refs/confsync/drift/NODE).
    public var drifted: [Drifted] = []
    public var message: String = ""
    public var durationMillis: Int = 0
    /// What the admin should know about how the node was planned, whatever its status.
    public var notes: [String] = []
    /// The node's names for the paths of `changes` (`%prefix%` directories; see `NodePlan.toNode`).
    public var toNode: PathRenaming = .identity
    /// The last deploy the node says it finished (from its state, before this deploy).
    public var lastDeploy: DeployOutcome?

    /// The node is at the target commit now.
    public var isAtTarget: Bool { status == .upToDate || status == .deployed }

    public init(node: String, address: String, status: Status, fromCommit: ObjectID?, toCommit: ObjectID) {
        self.node = node
        self.address = address
        self.status = status
        self.fromCommit = fromCommit
        self.toCommit = toCommit
    }
}

/// A whole deploy: its id, target and one outcome per node (in the cluster file's order).
public struct DeployReport: Sendable {
    public var deployID: String
    public var commit: ObjectID
    public var outcomes: [NodeOutcome]

    /// Every node reached the target (a dry run never does).
    public var succeeded: Bool { outcomes.allSatisfy(\.isAtTarget) }
}
