import Deploy
import Foundation

/// What the service keeps between operations, so that a sync with nothing to do costs no
/// node traffic and a sync with something to do no new connections:
/// - whether a live managed file changed since a scan last found them all committed (the
///   watch thread's inotify events count changes; an overflow or a watch that could not be
///   set up means "changed");
/// - the commit every node had when a deploy last reached them all (`Settled`), believed
///   for `recheck` seconds at most: after that, or after anything the service did not do
///   itself could have moved the nodes (a command it ran for a caller), the nodes are asked;
/// - the node connections (`WarmSessions`).
/// None of it is the truth: a crash loses it, and the next sync asks the repository and
/// the nodes again.
final class WarmState: @unchecked Sendable {
    /// Every node of the last deploy was at `head` then.
    struct Settled: Equatable, Sendable {
        var head: String
        var nodes: [String]
        var checked: Date
    }

    /// How long a settled state is believed without asking the nodes.
    static let recheck: TimeInterval = 300

    let sessions = WarmSessions()
    private let lock = NSLock()
    /// Live changes seen (each inotify batch with a managed path, each (re)start of the watch).
    private var generation = 0
    /// The generation a scan last found every live file committed at.
    private var cleanGeneration: Int?
    /// The watch, while it covers every managed directory (nil: not watching, so never clean).
    private var inotify: Inotify?
    private var settled: Settled?
    private var targets: Set<String>?

    /// The watch (re)started: with `inotify` when it covers every managed directory.
    func watchStarted(_ inotify: Inotify?) {
        lock.withLock {
            self.inotify = inotify
            generation += 1
        }
    }

    func liveChanged() {
        lock.withLock { generation += 1 }
    }

    /// Taken before a scan of the live files, handed to `scanned(cleanAt:)` when the scan
    /// found (or made) them all committed.
    var scanStart: Int { lock.withLock { generation } }

    func scanned(cleanAt generation: Int) {
        lock.withLock { cleanGeneration = generation }
    }

    /// After a deploy of HEAD to every node: settled when every node is at it.
    func deployed(_ report: DeployReport) {
        let all = report.outcomes.allSatisfy { $0.status == .deployed || $0.status == .upToDate }
        lock.withLock {
            targets = Set(report.outcomes.map(\.node))
            settled = all && !report.outcomes.isEmpty
                ? Settled(head: report.commit, nodes: report.outcomes.map(\.node), checked: Date()) : nil
        }
    }

    /// Something may have moved the nodes: ask them next time.
    func forgetNodes() {
        lock.withLock { settled = nil }
    }

    /// The nodes of the last deploy (the keepalive closes the sessions of others), if any.
    var lastTargets: Set<String>? {
        lock.withLock { targets }
    }

    /// The settled state when a sync has nothing to do: no live change since the last clean
    /// scan (and none waiting in the kernel's queue), every node at `head` when last reached,
    /// less than `recheck` ago. Nil: scan and ask the nodes.
    func nothingToDo(head: String, now: Date = Date()) -> Settled? {
        lock.withLock {
            guard let inotify, !inotify.hasPendingEvents, cleanGeneration == generation, let settled,
                settled.head == head, now.timeIntervalSince(settled.checked) < Self.recheck
            else { return nil }
            return settled
        }
    }
}
