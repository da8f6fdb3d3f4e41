import GitStore
import Wire

/// The deploy's decisions about one node from what the node answered: whether it needs
/// anything, and, with its change set, whether to send, report it planned or leave it. Pure:
/// NodePlanning does the reading (commits, trees, blobs) around these, and DeployTests test
/// them one by one (NodeDecisionTests).
enum NodeDecision {
    /// Before the node's changes are computed.
    enum Gate: Equatable {
        /// Another deploy is applying there: nothing is sent, the node is reported busy.
        case busy
        /// At the target already, with nothing pending and nothing forced.
        case upToDate
        /// Its changes are to be computed.
        case plan
    }

    /// With the node's change set.
    enum Verdict: Equatable {
        case upToDate
        /// A dry run: reported with its changes, nothing sent.
        case planned
        case send
    }

    /// `state` is the node's answer, `from` its commit; `target` the commit deployed.
    static func gate(state: NodeState, from: ObjectID?, target: ObjectID, options: DeployOptions) -> Gate {
        if state.busy { return .busy }
        // Pending actions run again with an apply, so a node at the commit gets one too.
        let pending = !state.pendingActions.isEmpty
        guard from != target || options.full || pending || options.overwriteDrift else { return .upToDate }
        return .plan
    }

    /// The report's note for node `node` at a commit this repository does not have
    /// (`baseKnown` false): another director's, not replicated here (yet). The node is then
    /// compared by its manifest, so what that commit changed and this one lacks is undone.
    static func foreignCommitNote(node: String, from: ObjectID?, baseKnown: Bool) -> String? {
        guard let from, !baseKnown else { return nil }
        return "\(node) is at \(from.short), a commit this repository does not have (another "
            + "director's?): planned from its manifest, so changes made there that this commit lacks are undone; "
            + "'confsync status --peers' and 'confsync replicate' bring that commit here"
    }

    static func verdict(
        changes: NodeChangeSet, state: NodeState, from: ObjectID?, target: ObjectID, options: DeployOptions
    ) -> Verdict {
        if changes.isEmpty && from == target && state.pendingActions.isEmpty { return .upToDate }
        return options.dryRun ? .planned : .send
    }
}
