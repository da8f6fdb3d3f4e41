import Director
import Foundation
import GitStore
import Transport
import Wire

/// What a node says about itself, for `status --nodes`, `drift` and `adopt`.
public struct NodeStatus: Sendable {
    public var node: String
    public var address: String
    /// Nil when reachable; else why not.
    public var problem: String?
    public var commit: String?
    public var busy = false
    public var lastDeploy: DeployOutcome?
    /// Commands that failed there and run again with the next deploy.
    public var pendingActions: [PendingAction] = []
    /// Commits the node is behind this director's head (nil: unknown commit or unreachable).
    public var behind: Int?
    /// Drifted files (only when asked for).
    public var drift: [DriftItem]?

    public var reachable: Bool { problem == nil }
}

/// Connects to the nodes of this director's groups (as of HEAD) and asks for state and drift.
public struct NodeInspector {
    let director: DirectorRepository
    let options: DeployOptions

    public init(director: DirectorRepository, nodes: [String] = [], parallel: Int = 8) {
        self.director = director
        var options = DeployOptions(user: "status")
        options.nodes = nodes
        options.parallel = parallel
        options.ioTimeout = 60
        self.options = options
    }

    /// Each node's state (and with `drift`, its drifted files), on `warm`'s kept connections
    /// when given (kept for later use), else on new ones.
    public func inspect(drift: Bool, warm: WarmSessions? = nil) throws -> [NodeStatus] {
        guard let head = try director.head() else {
            throw DeployError(.noNodes, "no commit yet: nothing has been deployed")
        }
        let runner = DeployRunner(director: director, options: options)
        let cluster = try runner.clusterConfig(of: head)
        let targets = try runner.selectTargets(cluster)
        let identity = try warm?.identity(root: director.root) ?? HostFiles.loadIdentity(root: director.root)
        let host = director.settings.host
        let options = self.options
        let kept = warm?.checkOut(targets, identity: identity, director: host, options: options)
        let answers = Parallel.map(Array(targets.indices), limit: options.parallel) { index -> NodeStatus in
            let target = targets[index]
            var status = NodeStatus(node: target.name, address: target.endpoint.description)
            var open: NodeSession?
            do {
                let session = try kept?[index].get() ?? NodeSession.open(target, identity: identity, director: host, options: options)
                open = session
                status.commit = session.state.commit
                status.busy = session.state.busy
                status.lastDeploy = session.state.lastDeploy
                status.pendingActions = session.state.pendingActions
                if drift { status.drift = try session.drift() }
                session.release()
            } catch {
                open?.close()
                status.problem = "\(error)"
            }
            return status
        }
        // How far behind: a node's commit's place in main's history, walked once for all nodes.
        var depth: [String: Int] = [:]
        if answers.contains(where: { $0?.commit != nil && $0?.commit != head.id.hex }) {
            for (index, commit) in try director.repository.log(from: head.id).enumerated() { depth[commit.id.hex] = index }
        } else {
            depth[head.id.hex] = 0
        }
        return targets.enumerated().map { index, target in
            var status = answers[index] ?? NodeStatus(node: target.name, address: target.endpoint.description, problem: "no answer")
            status.behind = status.commit.flatMap { depth[$0] }
            return status
        }
    }
}

extension NodeStatus {
    init(node: String, address: String, problem: String? = nil) {
        self.node = node
        self.address = address
        self.problem = problem
    }
}

extension NodeSession {
    /// The node's drifted files, in the director's paths.
    func drift() throws -> [DriftItem] {
        try send(.driftRequest)
        guard case .driftReport(let report) = try receive() else {
            throw DeployError(.protocolError, "\(target.name) did not answer with a drift report")
        }
        let paths = self.paths
        return report.entries.map { paths.incoming($0) }
    }
}
