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
        \t\tlogfile "/var/log/confsync_action.log";
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

    static func runs(_ cluster: TestCluster) -> Int {
        (cluster.root("node1").read("/var/log/runs.log") ?? "").split(separator: "\n").count
    }

    @Test("a timed-out action stays pending: each deploy runs it again, with nothing to change, until it succeeds")
    func retriedUntilItSucceeds() throws {
        let cluster = try TestCluster(nodes: ["node1"], groupBody: Self.hangingAction(timeout: "1"))
        defer { cluster.shutdown() }
        #expect(try cluster.commit("hanging reload").status == 0)
        var deploy = try cluster.deploy()
        #expect(deploy.status == 5, "\(deploy.stdout)\(deploy.stderr)")
        #expect(Self.runs(cluster) == 1)

        // Before, this deploy found the node at the commit and exited 0 without the reload.
        deploy = try cluster.deploy()
        #expect(deploy.status == 5, "\(deploy.stdout)\(deploy.stderr)")
        #expect(deploy.stdout.contains("pending 'echo run"), "\(deploy.stdout)")
        #expect(Self.runs(cluster) == 2)
        let status = try cluster.confsync(["status", "--nodes"])
        #expect(status.stdout.contains("node1: pending action 'echo run"), "\(status.stdout)")
        #expect(status.stdout.contains("exit 137"), "\(status.stdout)")

        // The service recovers: the next deploy's retry succeeds, and the one after has nothing to do.
        try cluster.root("node1").write("/etc/squid3/ok", "")
        deploy = try cluster.deploy()
        #expect(deploy.status == 0, "\(deploy.stdout)\(deploy.stderr)")
        #expect(Self.runs(cluster) == 3)
        deploy = try cluster.deploy()
        #expect(deploy.status == 0, "\(deploy.stdout)\(deploy.stderr)")
        #expect(deploy.stdout.contains("up-to-date"), "\(deploy.stdout)")
        #expect(Self.runs(cluster) == 3)
        #expect(!(try cluster.confsync(["status", "--nodes"]).stdout.contains("pending")))
    }

    @Test("--drop-pending forgets a failed action without running it; --dry-run shows it first")
    func dropped() throws {
        let cluster = try TestCluster(nodes: ["node1"], groupBody: Self.hangingAction(timeout: "1"))
        defer { cluster.shutdown() }
        #expect(try cluster.commit("hanging reload").status == 0)
        #expect(try cluster.deploy().status == 5)
        var deploy = try cluster.deploy(["--dry-run"])
        #expect(deploy.status == 0, "\(deploy.stdout)\(deploy.stderr)")
        #expect(deploy.stdout.contains("pending: echo run"), "\(deploy.stdout)")
        #expect(deploy.stdout.contains("runs again"), "\(deploy.stdout)")
        deploy = try cluster.deploy(["--drop-pending"])
        #expect(deploy.status == 0, "\(deploy.stdout)\(deploy.stderr)")
        #expect(Self.runs(cluster) == 1)
        deploy = try cluster.deploy()
        #expect(deploy.status == 0 && deploy.stdout.contains("up-to-date"), "\(deploy.stdout)\(deploy.stderr)")
        #expect(Self.runs(cluster) == 1)
    }
}
