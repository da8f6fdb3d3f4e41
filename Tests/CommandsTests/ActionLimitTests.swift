import Foundation
import Testing

/// Limits on actions, with real hung and killed processes on real agents.
@Suite("Action limits", .serialized)
struct ActionLimitTests {
    /// An action whose command hangs (after noting that it started) unless `/etc/squid3/ok` exists.
    static func hangingAction(timeout: String?) -> String {
        """
        \tinclude /etc/csync2.cfg;
        \tinclude /etc/squid3;
        \taction
        \t{
        \t\tpattern /etc/squid3/squid.conf;
        \t\texec "echo run >> $CONFSYNC_ROOT/var/log/runs.log; test -e $CONFSYNC_ROOT/etc/squid3/ok || sleep 600";
        \(timeout.map { "\t\ttimeout \($0);\n" } ?? "")\t}
        """
    }

    static func timed(_ body: () throws -> CLI.Result) rethrows -> (CLI.Result, seconds: Double) {
        let start = Date()
        let result = try body()
        return (result, Date().timeIntervalSince(start))
    }

    @Test("a hung action with 'timeout 1' in the cluster file is killed after a second and the deploy exits 5")
    func clusterFileTimeout() throws {
        let cluster = try TestCluster(nodes: ["node1"], groupBody: Self.hangingAction(timeout: "1"))
        defer { cluster.shutdown() }
        #expect(try cluster.commit("hanging reload").status == 0)
        let (deploy, seconds) = try Self.timed { try cluster.deploy() }
        #expect(deploy.status == 5, "\(deploy.stdout)\(deploy.stderr)")
        #expect(deploy.stdout.contains("timed out"), "\(deploy.stdout)")
        #expect(deploy.stdout.contains("exit 137"), "\(deploy.stdout)")
        #expect(seconds < 20, "took \(seconds) s")
        #expect(cluster.root("node1").read("/etc/squid3/squid.conf") == Fixture.squidConf)
    }

    @Test("without a timeout in the cluster file, the agent's --action-timeout applies")
    func agentTimeout() throws {
        let cluster = try TestCluster(nodes: ["node1"], groupBody: Self.hangingAction(timeout: nil))
        defer { cluster.shutdown() }
        cluster.stopAgent("node1")
        try cluster.startAgent("node1", extra: ["--action-timeout", "1s"])
        #expect(try cluster.commit("hanging reload").status == 0)
        let (deploy, seconds) = try Self.timed { try cluster.deploy() }
        #expect(deploy.status == 5, "\(deploy.stdout)\(deploy.stderr)")
        #expect(deploy.stdout.contains("timed out"), "\(deploy.stdout)")
        #expect(seconds < 20, "took \(seconds) s")
    }
}
