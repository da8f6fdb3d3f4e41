import ClusterConfig
import Director
import Foundation
import GitStore
import Transport
import Wire

/// Step 2 of a deploy, on the director's thread: from a node's answer to what to send it.
/// Trees and blobs are read once per deploy, however many nodes need them.
struct NodePlanning {
    enum Decision {
        /// Nothing to send (up to date, planned only, or failed): the outcome is final.
        case finished(NodeOutcome)
        /// Send this apply.
        case send(NodeWork)
    }

    let runner: DeployRunner
    let commit: Commit
    /// The target's whole tree, read only for a node known by its manifest alone.
    private var targetTree: ManagedTree?
    let cluster: ClusterConfig
    let deployID: String
    private(set) var blobs: [ObjectID: [UInt8]] = [:]
    /// What `FileSizeLimit` said of each blob's size (nil: fine), so that an object's header
    /// is read once per deploy, not once per node (10 nodes x 10,000 files were 100,000
    /// loose-object reads on the director's thread).
    private var sizeProblems: [ObjectID: String?] = [:]
    /// Changes from a node's commit to the target, per commit the nodes have (usually one).
    private var changesFrom: [ObjectID: [Director.FileChange]] = [:]

    init(runner: DeployRunner, commit: Commit, cluster: ClusterConfig, deployID: String) {
        self.runner = runner
        self.commit = commit
        self.cluster = cluster
        self.deployID = deployID
    }

    mutating func plan(_ target: NodeTarget, opened: Result<NodeSession, Error>) -> Decision {
        var outcome = NodeOutcome(
            node: target.name, address: target.endpoint.description, status: .failed, fromCommit: nil,
            toCommit: commit.id)
        outcome.toNode = target.plan.toNode
        let session: NodeSession
        switch opened {
        case .failure(let error):
            outcome.status = Self.isUnreachable(error) ? .unreachable : .failed
            outcome.message = (error as? PeerError)?.message ?? "\(error)"
            return .finished(outcome)
        case .success(let opened):
            session = opened
        }
        // The node's commit, parsed here where it comes in: one that is not an id fails this
        // node (the others go on).
        let from: ObjectID?
        do {
            from = try ObjectID.parsing(session.state.commit, "\(target.name)'s commit")
        } catch {
            outcome.message = "\(error)"
            session.close()
            return .finished(outcome)
        }
        outcome.fromCommit = from
        outcome.lastDeploy = session.state.lastDeploy
        // The node's commit as this repository has it; nil for a node without one, or at a
        // commit made elsewhere.
        let base = from.flatMap { try? runner.director.repository.commit($0) }
        if let note = NodeDecision.foreignCommitNote(node: target.name, from: from, baseKnown: base != nil) {
            outcome.notes.append(note)
        }
        switch NodeDecision.gate(state: session.state, from: from, target: commit.id, options: runner.options) {
        case .busy:
            outcome.status = .busy
            outcome.message = "another deploy is running on \(target.name)"
            session.release()
            return .finished(outcome)
        case .upToDate:
            outcome.status = .upToDate
            session.release()
            return .finished(outcome)
        case .plan:
            outcome.pendingActions = session.state.pendingActions
        }
        do {
            let host = runner.director.settings.host
            let plan = DeployPlanner.plan(changes: try plannedChanges(for: session, target: target, base: base)) { paths in
                cluster.actions(for: paths, node: target.name, director: host).map {
                    NodeChangeSet.PlannedAction(
                        pattern: $0.action.patterns.map(\.text).joined(separator: " "),
                        commands: $0.action.commands, logfile: $0.action.logfile, paths: $0.paths,
                        timeoutMillis: $0.action.timeoutMillis, verify: $0.action.verify)
                }
            }
            outcome.changes = plan.changes
            outcome.plannedActions = plan.actions
            switch NodeDecision.verdict(changes: plan, state: session.state, from: from, target: commit.id, options: runner.options) {
            case .upToDate:
                outcome.status = .upToDate
            case .planned:
                outcome.status = .planned
            case .send:
                let ids = Array(Set(plan.changes.compactMap { $0.new?.entry.id }))
                try checkSizes(of: plan.changes)
                for id in ids where blobs[id] == nil { blobs[id] = try runner.director.repository.readBlob(id) }
                let apply = runner.makeApply(plan, deployID: deployID, from: from, to: commit.id)
                return .send(NodeWork(session: session, apply: apply, blobIDs: ids, outcome: outcome))
            }
        } catch {
            outcome.status = .failed
            outcome.message = "\(error)"
            session.close()
            return .finished(outcome)
        }
        session.release()
        return .finished(outcome)
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

    /// Refuses the node's deploy before anything is sent when a file is too large for one
    /// message (committed before `commit` refused such files): the deploy fails naming it.
    mutating func checkSizes(of changes: [Director.FileChange]) throws {
        for change in changes {
            guard let entry = change.new?.entry, entry.mode != .symlink, let problem = try sizeProblem(of: entry.id)
            else { continue }
            throw DeployError(
                .invalid,
                "\(change.path): \(problem); commit its removal (or an 'exclude' line for it) and deploy again")
        }
    }

    private mutating func sizeProblem(of id: ObjectID) throws -> String? {
        if let known = sizeProblems[id] { return known }
        let problem = FileSizeLimit.problem(size: try runner.director.repository.objectSize(id))
        sizeProblems[id] = problem
        return problem
    }

    /// The node's file changes: from git's tree diff from `base`, the node's commit when this
    /// repository has it (computed once per such commit, then filtered per node), else (or
    /// with `--full`) from its manifest. Both sides are filtered by the target commit's cluster file.
    mutating func changes(for session: NodeSession, target: NodeTarget, base: Commit?) throws -> [Director.FileChange] {
        if !runner.options.full, let base {
            let all = try changesFrom[base.id] ?? runner.director.changes(from: base, to: commit)
            changesFrom[base.id] = all
            return all.filter { target.plan.manages($0.path.managed) }
        }
        let base = try runner.manifestTree(of: session, plan: target.plan)
        let tree = try targetTree ?? runner.director.tree(of: commit)
        targetTree = tree
        return base.changes(to: DeployRunner.files(of: tree, for: target.plan))
    }
}

/// Step 3 for one node, on a worker thread: send the blobs and the apply, read the result.
struct NodeWork: @unchecked Sendable {
    let session: NodeSession
    let apply: Apply
    let blobIDs: [ObjectID]
    let outcome: NodeOutcome

    func send(blobs: [ObjectID: [UInt8]]) -> NodeOutcome {
        let start = Date()
        var outcome = self.outcome
        do {
            let payload = blobIDs.compactMap { id in blobs[id].map { Blob(id: id.hex, content: $0) } }
            let (result, drifted) = try session.apply(apply, blobs: payload)
            session.release()
            outcome.files = result.files
            outcome.actions = result.actions
            outcome.drifted = drifted
            outcome.message = result.message
            outcome.status = DeployRunner.status(of: result)
        } catch let error as PeerError {
            session.close()
            outcome.status = error.code == .busy ? .busy : .failed
            outcome.message = error.message
        } catch {
            session.close()
            outcome.status = .failed
            outcome.message = "\(error)"
        }
        outcome.durationMillis = Int(Date().timeIntervalSince(start) * 1000)
        return outcome
    }
}

/// A node's work and its place in the report.
struct PendingApply: Sendable {
    let index: Int
    let work: NodeWork
}
