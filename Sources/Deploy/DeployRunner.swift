import ClusterConfig
import Director
import Foundation
import GitStore
import Ledger
import Posix
import Transport
import Wire

/// Brings every node of this director's groups to a commit:
/// 1. in parallel: connect, authenticate, read each node's state;
/// 2. here: plan each node's change set from the commit it has (or its manifest), read each
///    needed blob once;
/// 3. in parallel: send only what changed, apply, collect results; here: record each node
///    durably as it finishes (`DeployRecording`);
/// 4. here: the deploy's note.
/// A node that fails never stops the others.
public final class DeployRunner {
    let director: DirectorRepository
    let options: DeployOptions

    public init(director: DirectorRepository, options: DeployOptions) {
        self.director = director
        self.options = options
    }

    /// Runs the deploy; `progress` is called (from worker threads) as each node's connection
    /// is opened, as its planning, its sending start, and as it finishes (`DeployProgress`).
    /// Sessions in `early` are used for the nodes they connect to, and the rest closed; with
    /// `warm`, sessions kept open from earlier deploys are used and kept for later ones.
    public func run(
        early: EarlySessions? = nil, warm: WarmSessions? = nil,
        progress: @escaping @Sendable (DeployProgress) -> Void = { _ in }
    ) throws -> DeployReport {
        defer { early?.closeUnused() }
        let commit = try director.resolve(options.revision)
        let cluster = try clusterConfig(of: commit)
        let targets = try selectTargets(cluster)
        let identity = try early?.identity ?? warm?.identity(root: director.root) ?? HostFiles.loadIdentity(root: director.root)
        let deployID = Self.newDeployID(Date())
        let host = director.settings.host
        if !options.dryRun {
            try DeployLedger(director).recoverInterrupted(author: DeployRecording.signature(user: options.user, host: host))
        }

        // 1. Connect and read state, in parallel: only the nodes `early` did not already try.
        //    With `warm`, its sessions (kept open, their state read again) or new ones it keeps.
        let opened = connect(targets, early: early, warm: warm, identity: identity, host: host, progress: progress)

        // 2. Plan each node here (the repository is not shared across threads).
        var planner = NodePlanning(
            source: RepositoryPlanningSource(director: director), commit: commit, cluster: cluster, options: options,
            host: host, deployID: deployID)
        var outcomes: [NodeOutcome] = []
        var pending: [PendingApply] = []
        for (index, target) in targets.enumerated() {
            switch planner.plan(target, opened: opened[index]) {
            case .finished(let outcome):
                outcomes.append(outcome)
                progress(.finished(outcome))
            case .send(let work):
                outcomes.append(work.outcome)
                pending.append(PendingApply(index: index, work: work))
            }
        }

        // 3. Record how the nodes got where they are (where the records do not say), the nodes
        //    planning finished, and the others as in flight; then send and apply, in
        //    parallel, recording each node as it finishes (not for a dry run).
        var recording = options.dryRun
            ? nil : DeployRecording(director: director, deployID: deployID, commit: commit.id, user: options.user)
        let sent = Set(pending.map(\.index))
        recording?.nodesRead(outcomes)
        for (index, outcome) in outcomes.enumerated() where !sent.contains(index) { recording?.nodeFinished(outcome) }
        recording?.sending(pending.map(\.work.outcome))
        let blobs = planner.blobs
        Parallel.forEach(pending, limit: options.parallel) { item -> NodeOutcome in
            progress(.sending(item.work.outcome))
            let outcome = item.work.send(blobs: blobs)
            progress(.finished(outcome))
            return outcome
        } handle: { position, outcome in
            outcomes[pending[position].index] = outcome
            recording?.nodeFinished(outcome)
        }

        // 4. The note.
        try recording?.finish(outcomes)
        return DeployReport(deployID: deployID, commit: commit.id, outcomes: outcomes)
    }

    // MARK: - Planning helpers

    /// The cluster file of `commit` (only it and its includes are read).
    func clusterConfig(of commit: Commit) throws -> ClusterConfig {
        guard let (config, diagnostics) = try director.cluster(of: commit) else {
            throw DeployError(.noClusterFile, "commit \(commit.id.short) has no cluster file \(director.settings.clusterFile)")
        }
        if diagnostics.hasErrors {
            throw DeployError(.invalid, "the cluster file of \(commit.id.short) is invalid:\n" + diagnostics.rendered())
        }
        return config
    }

    func selectTargets(_ cluster: ClusterConfig) throws -> [NodeTarget] {
        var plans = cluster.nodes(forDirector: director.settings.host)
        if let group = options.group {
            guard cluster.groups.contains(where: { $0.name == group }) else {
                throw DeployError(.noNodes, "no group '\(group)' in the cluster file")
            }
            plans = plans.filter { $0.groups.contains { $0.name == group } }
        }
        if !options.nodes.isEmpty {
            let wanted = Set(options.nodes.map { $0.lowercased() })
            let unknown = wanted.subtracting(plans.map(\.name))
            guard unknown.isEmpty else {
                throw DeployError(.noNodes, "not a node of \(director.settings.host): \(unknown.sorted().joined(separator: ", "))")
            }
            plans = plans.filter { wanted.contains($0.name) }
        }
        guard !plans.isEmpty else {
            throw DeployError(.noNodes, "\(director.settings.host) has no nodes to deploy to (see the cluster file's host lines)")
        }
        return plans.map { NodeTarget(plan: $0, root: director.root) }
    }

    static func status(of result: ApplyResult) -> NodeOutcome.Status {
        switch result.status {
        case .applied: .deployed
        case .refused: .refused
        case .failed: .failed
        case .rolledBack: .rolledBack
        }
    }

    /// "d<Unix milliseconds>-<random>": sorts in the order deploys started.
    static func newDeployID(_ date: Date) -> String {
        let millis = Int64(date.timeIntervalSince1970 * 1000)
        return "d\(millis)-\(String(UInt32.random(in: 0...UInt32.max), radix: 16))"
    }
}
