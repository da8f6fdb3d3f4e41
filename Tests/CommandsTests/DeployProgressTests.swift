import Deploy
import Director
import Foundation
import Synchronization
import Testing

/// The progress a deploy tells, with real agents on loopback: per node `connecting`, then
/// `planning` once its state is read, `sending` when it gets changes, `finished`; a node
/// that is down goes from `connecting` to `finished(unreachable)`. The same whether the
/// session is opened by the deploy, opened early (`EarlySessions`) or kept (`WarmSessions`).
@Suite(.serialized) struct DeployProgressTests {
    /// The events of one deploy, as they came (from the deploy's worker threads).
    final class Events: Sendable {
        private let events = Mutex<[DeployProgress]>([])

        func record(_ event: DeployProgress) { events.withLock { $0.append(event) } }

        /// The kinds of `node`'s events, in order: connecting, planning, sending, finished.
        func kinds(_ node: String) -> [String] {
            events.withLock { events in
                events.filter { $0.node == node }.map { event in
                    switch event {
                    case .connecting: "connecting"
                    case .planning: "planning"
                    case .sending: "sending"
                    case .finished: "finished"
                    }
                }
            }
        }

        func finished(_ node: String) -> NodeOutcome? {
            events.withLock { $0.compactMap(\.finished).first { $0.node == node } }
        }
    }

    static func open(_ cluster: TestCluster) throws -> DirectorRepository {
        try DirectorRepository.open(repository: cluster.director.path + "/var/lib/confsync/repo.git", root: cluster.director.path)
    }

    /// Deploys HEAD in this process; the events it told.
    static func deploy(
        _ director: DirectorRepository, early: EarlySessions? = nil, warm: WarmSessions? = nil
    ) throws -> (DeployReport, Events) {
        let events = Events()
        let report = try DeployRunner(director: director, options: DeployOptions(user: "tester"))
            .run(early: early, warm: warm) { events.record($0) }
        return (report, events)
    }

    @Test func eachNodeIsConnectingThenPlanningThenSentToThenFinished() throws {
        let cluster = try TestCluster(nodes: ["node1", "node2"])
        defer { cluster.shutdown() }
        #expect(try cluster.commit("first").status == 0)
        let director = try Self.open(cluster)

        let (report, events) = try Self.deploy(director)
        #expect(report.succeeded)
        for node in ["node1", "node2"] {
            #expect(events.kinds(node) == ["connecting", "planning", "sending", "finished"], "\(node)")
            #expect(events.finished(node)?.status == .deployed)
        }

        // Up to date: nothing to send. With kept sessions, the second deploy reuses them and
        // still tells each node's connecting (its state read again) and planning.
        let warm = WarmSessions()
        defer { warm.forget() }
        for _ in 0..<2 {
            let (_, events) = try Self.deploy(director, warm: warm)
            for node in ["node1", "node2"] {
                #expect(events.kinds(node) == ["connecting", "planning", "finished"], "\(node)")
                #expect(events.finished(node)?.status == .upToDate)
            }
        }
        #expect(warm.counts.reused == 2 && warm.counts.opened == 2, "\(warm.counts)")
    }

    @Test func aNodeThatIsDownIsConnectingThenUnreachable() throws {
        let cluster = try TestCluster(nodes: ["node1", "node2"])
        defer { cluster.shutdown() }
        #expect(try cluster.commit("first").status == 0)
        #expect(cluster.stopAgent("node2"))
        let director = try Self.open(cluster)

        let (_, events) = try Self.deploy(director)
        #expect(events.kinds("node1") == ["connecting", "planning", "sending", "finished"])
        #expect(events.kinds("node2") == ["connecting", "finished"])
        #expect(events.finished("node2")?.status == .unreachable)

        // Opened early (as sync does), each node is told connecting once, before the wait.
        let early = try #require(EarlySessions.start(director: director, options: DeployOptions(user: "tester")))
        let (_, again) = try Self.deploy(director, early: early)
        #expect(again.kinds("node1") == ["connecting", "planning", "finished"])
        #expect(again.kinds("node2") == ["connecting", "finished"])
        #expect(again.finished("node2")?.status == .unreachable)
    }
}
