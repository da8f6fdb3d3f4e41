import Wire

/// What planning asks of a node whose session is open: its answer to the state request and,
/// only when the plan needs them, its manifest and its drifted files. `NodeSession` is the
/// real one; DeployTests plan against a fake without a network.
protocol PlanningNode {
    /// The node's state as it answered (without the manifest).
    var state: NodeState { get }
    /// The node's manifest, in the director's paths.
    func fetchManifest() throws -> [ManifestEntry]
    /// The node's drifted files, in the director's paths.
    func drift() throws -> [DriftItem]
}

extension NodeSession: PlanningNode {}
