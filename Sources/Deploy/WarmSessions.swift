import Foundation
import Transport

/// Node connections kept open between deploys, for a process that stays up (the director
/// service): a deploy takes each node's session, asks its state again (one round trip
/// instead of a TCP and TLS handshake), and gives it back when its exchange is whole. A
/// session that fails is closed and a new one opened, so a restarted agent costs one
/// connection, never a failed deploy.
///
/// Bounded: at most one idle session per node, and `keepAlive` closes those of nodes no
/// longer deployed to. The agent closes a connection after 120 s of silence; `keepAlive`
/// asks idle sessions for their state well before that (docs/protocol.md, Keepalive).
public final class WarmSessions: @unchecked Sendable {
    private let lock = NSLock()
    /// Idle sessions, by node name.
    private var idle: [String: NodeSession] = [:]
    /// The director's identity, loaded once (`forget()` drops it, with the sessions).
    private var identity: Identity?
    private var reused = 0
    private var opened = 0

    /// How long the keepalive waits for a node's answer.
    static let keepAliveTimeout: Double = 10

    public init() {}

    /// Sessions kept open and opened since the start (for the journal and tests).
    public var counts: (reused: Int, opened: Int) {
        lock.withLock { (reused, opened) }
    }

    /// This director's identity, loaded from `root` the first time.
    func identity(root: String) throws -> Identity {
        if let known = lock.withLock({ identity }) { return known }
        let loaded = try HostFiles.loadIdentity(root: root)
        lock.withLock { identity = loaded }
        return loaded
    }

    /// Each target's session, in parallel: the kept one with its state read again, else a
    /// new one. Every session handed out comes back through `checkIn` (or is closed).
    /// `progress` hears of each node as its session is taken or opened (`connecting`), and
    /// once its state is read (`planning`).
    func checkOut(
        _ targets: [NodeTarget], identity: Identity, director: String, options: DeployOptions,
        progress: @escaping @Sendable (DeployProgress) -> Void = { _ in }
    ) -> [Result<NodeSession, Error>] {
        let kept: [NodeSession?] = lock.withLock { targets.map { idle.removeValue(forKey: $0.name) } }
        return Parallel.map(Array(targets.indices), limit: options.parallel) { index -> Result<NodeSession, Error> in
            let target = targets[index]
            return DeployProgress.opening(target.name, progress: progress) {
                self.session(for: target, kept: kept[index], identity: identity, director: director, options: options)
            }
        }.map { $0 ?? .failure(DeployError(.protocolError, "no answer")) }
    }

    /// `target`'s session: `kept` with its state read again, if it connects like the
    /// target and answers, else a new one (`kept` is closed then).
    private func session(
        for target: NodeTarget, kept: NodeSession?, identity: Identity, director: String, options: DeployOptions
    ) -> Result<NodeSession, Error> {
        if let session = kept {
            if session.target.connectsLike(target) {
                do {
                    try session.refreshState(ioTimeout: options.ioTimeout)
                    session.target = target
                    lock.withLock { reused += 1 }
                    return .success(session)
                } catch {
                    session.close()
                }
            } else {
                session.close()
            }
        }
        return Result {
            let session = try NodeSession.open(target, identity: identity, director: director, options: options)
            session.home = self
            lock.withLock { opened += 1 }
            return session
        }
    }

    /// A session whose exchange is whole, kept for the next deploy (one per node: an older
    /// idle one is closed).
    func checkIn(_ session: NodeSession) {
        let older = lock.withLock { () -> NodeSession? in
            let older = idle[session.target.name]
            idle[session.target.name] = session
            return older === session ? nil : older
        }
        older?.close()
    }

    /// Asks every session idle for `idleFor` seconds or more for its state (the keepalive),
    /// closing those that fail and those of nodes not in `nodes` (when given).
    public func keepAlive(idleFor: TimeInterval, nodes: Set<String>? = nil) {
        let due: [NodeSession] = lock.withLock {
            let now = Date()
            let names = idle.keys.filter { name in
                guard let session = idle[name] else { return false }
                let gone = nodes.map { !$0.contains(name) } ?? false
                return gone || now.timeIntervalSince(session.lastHeard) >= idleFor
            }
            return names.compactMap { idle.removeValue(forKey: $0) }
        }
        let alive = Parallel.map(due, limit: 8) { session -> NodeSession? in
            if let nodes, !nodes.contains(session.target.name) {
                session.close()
                return nil
            }
            do {
                // A node that does not answer within seconds is dropped, not waited for.
                try session.refreshState(ioTimeout: Self.keepAliveTimeout)
                return session
            } catch {
                session.close()
                return nil
            }
        }
        for case let session?? in alive { checkIn(session) }
    }

    /// Closes every idle session and forgets the identity (a new key is read next time).
    public func forget() {
        let all = lock.withLock { () -> [NodeSession] in
            let all = Array(idle.values)
            idle.removeAll()
            identity = nil
            return all
        }
        for session in all { session.close() }
    }
}
