import Director
import Dispatch
import Transport

/// Connections to the nodes opened in the background while something else runs on this
/// thread: `sync` connects, authenticates and reads every node's state while it scans and
/// commits the live files, so the deploy after the commit starts with its sessions open.
///
/// The deploy takes the session of each of its targets that connects like the early one
/// (same node, address, pin and group key: see `NodeTarget.connectsLike`) and opens the
/// others itself; what it does not take is closed. A failed early connection counts as the
/// deploy's own attempt: a node that is down is not waited for twice.
public final class EarlySessions: @unchecked Sendable {
    private let group = DispatchGroup()
    private let targets: [NodeTarget]
    /// Written by the background thread before `group` is left; read after `wait`.
    private var results: [Result<NodeSession, Error>?] = []
    /// This director's identity, loaded by the background thread (nil if that failed).
    private var loadedIdentity: Identity?
    private var taken: Set<Int> = []

    private init(targets: [NodeTarget]) {
        self.targets = targets
    }

    /// Starts connecting to the nodes `options` selects in the cluster file of `revision`.
    /// Only this call reads the repository; the background work does not touch it. Nil when
    /// the nodes cannot be known yet (no commit, an invalid cluster file, no nodes...): the
    /// deploy then reports why.
    public static func start(director: DirectorRepository, options: DeployOptions, revision: String = "HEAD")
        -> EarlySessions?
    {
        let runner = DeployRunner(director: director, options: options)
        guard let commit = try? director.resolve(revision),
            let cluster = try? runner.clusterConfig(of: commit),
            let targets = try? runner.selectTargets(cluster)
        else { return nil }
        let early = EarlySessions(targets: targets)
        let host = director.settings.host
        let root = director.root
        early.group.enter()
        DispatchQueue.global().async {
            defer { early.group.leave() }
            let identity: Identity
            do {
                identity = try HostFiles.loadIdentity(root: root)
            } catch {
                early.results = targets.map { _ in .failure(error) }
                return
            }
            early.loadedIdentity = identity
            early.results = Parallel.map(targets, limit: options.parallel) { target -> Result<NodeSession, Error> in
                Result { try NodeSession.open(target, identity: identity, director: host, options: options) }
            }
        }
        return early
    }

    /// The identity the early connections used, so the deploy need not load it again.
    var identity: Identity? {
        group.wait()
        return loadedIdentity
    }

    /// Whether an early attempt is made for a node that connects like `target` (without
    /// waiting for the attempts: the deploy shows such nodes connecting meanwhile).
    func tries(_ target: NodeTarget) -> Bool {
        targets.contains { $0.connectsLike(target) }
    }

    /// The early attempt for `target`, once; nil when none connects like it.
    func take(_ target: NodeTarget) -> Result<NodeSession, Error>? {
        group.wait()
        guard let index = targets.indices.first(where: { !taken.contains($0) && targets[$0].connectsLike(target) }),
            let result = results[index]
        else { return nil }
        taken.insert(index)
        return result.map { session in
            session.target = target
            return session
        }
    }

    /// Closes the sessions nobody took (waiting for the attempts still running).
    public func closeUnused() {
        group.wait()
        for (index, result) in results.enumerated() where !taken.contains(index) {
            if case .success(let session) = result { session.close() }
            taken.insert(index)
        }
    }
}
