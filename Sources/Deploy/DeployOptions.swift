/// What `confsync deploy` was asked to do.
public struct DeployOptions: Sendable {
    /// The commit to bring the nodes to (git revision syntax).
    public var revision = "HEAD"
    /// Only these nodes (empty = every node of this director's groups).
    public var nodes: [String] = []
    /// Only the nodes of this group.
    public var group: String?
    /// Plan and show, change nothing.
    public var dryRun = false
    /// Nodes deployed at once.
    public var parallel = 8
    /// Overwrite drifted files on the nodes (their content is kept in the repository first).
    public var force = false
    /// Also send the files that drifted on the nodes where the target leaves them alone (a
    /// node at the target included), so that, with `force`, they are written again (the
    /// console's "overwrite"); without `force` the node refuses them as drifted.
    public var overwriteDrift = false
    /// A node whose action fails goes straight back to the commit it had.
    public var rollbackOnFailure = false
    /// Compare the target with each node's manifest, not the diff from the node's commit:
    /// sends whatever the manifest lacks, even to a node already at the target (symbolic
    /// links tracked while deploys left links out, say).
    public var full = false
    /// Forget the actions that failed on the nodes instead of running them again.
    public var dropPendingActions = false
    /// Who deploys (recorded).
    public var user: String
    public var connectTimeout: Double = 5
    /// How long to wait for a node's answer (actions run before it answers).
    public var ioTimeout: Double = 600

    public init(user: String) {
        self.user = user
    }
}
