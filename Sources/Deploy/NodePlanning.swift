import ClusterConfig
import Director
import GitStore
import Transport
import Wire

/// Step 2 of a deploy, on the director's thread: from a node's answer to what to send it.
/// It decides from values (the target commit, its cluster file, the options, this
/// director's host name) and reads through `reads` (the repository, `PlanningSource`) and
/// the node (`PlanningNode`: its state, and its manifest or drift when the plan needs them);
/// what is done with the session after is the caller's (`Decision`, `NodePlanning+Session`).
/// Trees and blobs are read once per deploy, however many nodes need them (`PlanningReads`).
struct NodePlanning {
    enum Decision {
        /// Nothing to send (up to date, planned only, or failed): the outcome is final, and
        /// the session is to be ended so.
        case finished(NodeOutcome, SessionEnd)
        /// Send this apply.
        case send(PlannedApply)
    }

    /// How a session no longer needed ends: its exchange is whole and it may be kept
    /// (`release`), or it stopped mid-exchange (`close`).
    enum SessionEnd: Equatable {
        case release
        case close
    }

    let commit: Commit
    let cluster: ClusterConfig
    let options: DeployOptions
    /// This director's host name (the cluster file's `host` lines; the apply's director).
    let host: String
    let deployID: String
    /// The repository, each thing read once per deploy.
    var reads: PlanningReads

    /// The blobs of the applies planned so far.
    var blobs: [ObjectID: [UInt8]] { reads.blobs }

    init(
        source: any PlanningSource, commit: Commit, cluster: ClusterConfig, options: DeployOptions, host: String,
        deployID: String
    ) {
        reads = PlanningReads(source: source, target: commit)
        self.commit = commit
        self.cluster = cluster
        self.options = options
        self.host = host
        self.deployID = deployID
    }

    /// The outcome of a node with no session: unreachable, or failed with its reason.
    func outcome(_ target: NodeTarget, notOpened error: Error) -> NodeOutcome {
        var outcome = newOutcome(target)
        outcome.status = Self.isUnreachable(error) ? .unreachable : .failed
        outcome.message = (error as? PeerError)?.message ?? "\(error)"
        return outcome
    }

    mutating func plan(_ target: NodeTarget, node: some PlanningNode) -> Decision {
        var outcome = newOutcome(target)
        let state = node.state
        // The node's commit, parsed here where it comes in: one that is not an id fails this
        // node (the others go on).
        let from: ObjectID?
        do {
            from = try ObjectID.parsing(state.commit, "\(target.name)'s commit")
        } catch {
            outcome.message = "\(error)"
            return .finished(outcome, .close)
        }
        outcome.fromCommit = from
        outcome.lastDeploy = state.lastDeploy
        // The node's commit as this repository has it; nil for a node without one, or at a
        // commit made elsewhere.
        let base = from.flatMap { reads.commit($0) }
        if let note = NodeDecision.foreignCommitNote(node: target.name, from: from, baseKnown: base != nil) {
            outcome.notes.append(note)
        }
        switch NodeDecision.gate(state: state, from: from, target: commit.id, options: options) {
        case .busy:
            outcome.status = .busy
            outcome.message = "another deploy is running on \(target.name)"
            return .finished(outcome, .release)
        case .upToDate:
            outcome.status = .upToDate
            return .finished(outcome, .release)
        case .plan:
            outcome.pendingActions = state.pendingActions
        }
        do {
            let plan = DeployPlanner.plan(changes: try plannedChanges(for: node, target: target, base: base)) { paths in
                actions(for: paths, node: target.name)
            }
            outcome.changes = plan.changes
            outcome.plannedActions = plan.actions
            switch NodeDecision.verdict(changes: plan, state: state, from: from, target: commit.id, options: options) {
            case .upToDate:
                outcome.status = .upToDate
            case .planned:
                outcome.status = .planned
            case .send:
                let ids = try reads.readBlobs(of: plan.changes)
                let apply = Apply(plan, deployID: deployID, director: host, options: options, from: from, to: commit.id)
                return .send(PlannedApply(apply: apply, blobIDs: ids, outcome: outcome))
            }
        } catch {
            outcome.status = .failed
            outcome.message = "\(error)"
            return .finished(outcome, .close)
        }
        return .finished(outcome, .release)
    }

    private func newOutcome(_ target: NodeTarget) -> NodeOutcome {
        var outcome = NodeOutcome(
            node: target.name, address: target.endpoint.description, status: .failed, fromCommit: nil,
            toCommit: commit.id)
        outcome.toNode = target.plan.toNode
        return outcome
    }

    /// The cluster file's actions for `node` whose patterns match some of `paths`.
    private func actions(for paths: [String], node: String) -> [NodeChangeSet.PlannedAction] {
        cluster.actions(for: paths, node: node, director: host).map {
            NodeChangeSet.PlannedAction(
                pattern: $0.action.patterns.map(\.text).joined(separator: " "),
                commands: $0.action.commands, logfile: $0.action.logfile, paths: $0.paths,
                timeoutMillis: $0.action.timeoutMillis, verify: $0.action.verify)
        }
    }
}

extension NodePlanning {
    /// Unreachable is for a node that could not be reached: no connection, or no answer in
    /// time. A node that answered and refused (its trust list, the group key, the protocol
    /// version, a certificate that is not the pinned one) failed, with its reason.
    static func isUnreachable(_ error: Error) -> Bool {
        guard let error = error as? TransportError else { return false }
        return error.code == .connectFailed || error.code == .timeout
    }
}
