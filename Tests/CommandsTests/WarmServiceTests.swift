import Foundation
import Testing

/// The service's warm state, with a running `confsync serve` and real agents: a sync with
/// nothing to do asks no node; a live change is seen and synced; deploys reuse the node
/// connections, and a restarted agent costs a new connection, not a failed deploy.
@Suite(.serialized) struct WarmServiceTests {
    typealias Serve = ServiceTests.Serve

    static func sync(_ cluster: TestCluster, _ message: String) throws -> [String: Any] {
        let (r, json) = try ServiceTests.call(cluster, ["sync", "-m", message])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        return json["result"] as? [String: Any] ?? [:]
    }

    static func deployPart(_ result: [String: Any]) -> [String: Any] { result["deploy"] as? [String: Any] ?? [:] }

    static func statuses(_ result: [String: Any]) -> [String: String] {
        var statuses: [String: String] = [:]
        for node in deployPart(result)["nodes"] as? [[String: Any]] ?? [] {
            if let name = node["node"] as? String { statuses[name] = node["status"] as? String }
        }
        return statuses
    }

    static func serveLog(_ cluster: TestCluster) -> String {
        (try? String(contentsOfFile: cluster.base.path + "/serve.log", encoding: .utf8)) ?? ""
    }

    @Test func aSyncWithNothingToDoAsksNoNodeAndALiveChangeIsSeen() throws {
        let cluster = try TestCluster(nodes: ["node1", "node2"])
        defer { cluster.shutdown() }
        let serve = try Serve(cluster)
        defer { serve.stop() }

        var result = try Self.sync(cluster, "first")
        #expect((result["commit"] as? [String: Any])?["outcome"] as? String == "committed", "\(result)")
        #expect(Self.deployPart(result)["asOf"] == nil)
        // Once the watch is up and a scan found the live files committed, a sync answers from
        // what the service knows.
        let quiet = try ServiceTests.eventually {
            result = try Self.sync(cluster, "again")
            return Self.deployPart(result)["asOf"] is NSNumber
        }
        #expect(quiet, "\(result)")
        #expect(Self.deployPart(result)["deployID"] == nil)
        #expect(Self.statuses(result) == ["node1": "up-to-date", "node2": "up-to-date"], "\(result)")
        // status says what the service knows (its record, rewritten within a second).
        var status = ""
        let shown = try ServiceTests.eventually {
            status = try cluster.confsync(["status", "--no-service"]).stdout
            return status.contains("nodes: all 2 at ")
        }
        #expect(shown, "\(status)")
        #expect(status.contains("the watch covers the managed files"), "\(status)")

        // No node is asked: with node1's agent gone, the answer is the same.
        cluster.stopAgent("node1")
        result = try Self.sync(cluster, "nothing changed")
        #expect(Self.deployPart(result)["asOf"] is NSNumber, "\(result)")

        // A live change is seen at once (inotify): committed, and the nodes are asked.
        try cluster.director.write("/etc/squid3/squid.conf", Fixture.squidConf + "# changed\n")
        result = try Self.sync(cluster, "a live change")
        #expect((result["commit"] as? [String: Any])?["outcome"] as? String == "committed", "\(result)")
        #expect(Self.deployPart(result)["asOf"] == nil)
        #expect(Self.statuses(result) == ["node1": "unreachable", "node2": "deployed"], "\(result)")
        #expect(cluster.root("node2").read("/etc/squid3/squid.conf") == Fixture.squidConf + "# changed\n")

        // With a node behind, nothing is assumed: the next sync asks again and catches it up.
        try cluster.startAgent("node1")
        result = try Self.sync(cluster, "catch up")
        #expect(Self.deployPart(result)["asOf"] == nil)
        #expect(Self.statuses(result) == ["node1": "deployed", "node2": "up-to-date"], "\(result)")
        #expect(cluster.root("node1").read("/etc/squid3/squid.conf") == Fixture.squidConf + "# changed\n")
    }

    @Test func deploysReuseTheNodeConnectionsAndARestartedAgentCostsANewOne() throws {
        let cluster = try TestCluster(nodes: ["node1", "node2"])
        defer { cluster.shutdown() }
        let serve = try Serve(cluster)
        defer { serve.stop() }

        _ = try Self.sync(cluster, "first")
        #expect(Self.serveLog(cluster).contains("to 2 node(s): 0 on kept connections, 2 new"), "\(Self.serveLog(cluster))")
        let (r, json) = try ServiceTests.call(cluster, ["deploy"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(Self.statuses(["deploy": json["result"] ?? [:]]) == ["node1": "up-to-date", "node2": "up-to-date"])
        #expect(Self.serveLog(cluster).contains("to 2 node(s): 2 on kept connections, 0 new"), "\(Self.serveLog(cluster))")

        // node1's agent restarts: its kept connection is dead, a new one is opened.
        cluster.stopAgent("node1")
        try cluster.startAgent("node1")
        try cluster.director.write("/etc/squid3/squid.conf", Fixture.squidConf + "# second\n")
        let result = try Self.sync(cluster, "second")
        #expect(Self.statuses(result) == ["node1": "deployed", "node2": "deployed"], "\(result)")
        #expect(Self.serveLog(cluster).contains("to 2 node(s): 1 on kept connections, 1 new"), "\(Self.serveLog(cluster))")
        #expect(cluster.root("node1").read("/etc/squid3/squid.conf") == Fixture.squidConf + "# second\n")
    }

    /// The command line's commit, sync, deploy and status run in the service's process: on its
    /// kept node connections, with the same output, and what they did to the nodes is what the
    /// service knows next.
    @Test func theCommandLineSyncsAndDeploysOnTheKeptConnections() throws {
        let cluster = try TestCluster(nodes: ["node1", "node2"])
        defer { cluster.shutdown() }
        let serve = try Serve(cluster)
        defer { serve.stop() }

        var sync = try cluster.confsync(["sync", "-m", "first"])
        #expect(sync.status == 0 && sync.stdout.contains("2/2 node(s) at"), "\(sync.stdout)\(sync.stderr)")
        #expect(Self.serveLog(cluster).contains("sync for root (uid 0): exit 0; nodes: 0 on kept connections, 2 new"), "\(Self.serveLog(cluster))")

        try cluster.director.write("/etc/squid3/squid.conf", Fixture.squidConf + "# on kept connections\n")
        sync = try cluster.confsync(["sync", "-m", "second"])
        #expect(sync.status == 0 && sync.stdout.contains("node2: deployed, 1 file(s)"), "\(sync.stdout)\(sync.stderr)")
        #expect(Self.serveLog(cluster).contains("sync for root (uid 0): exit 0; nodes: 2 on kept connections, 0 new"), "\(Self.serveLog(cluster))")
        #expect(cluster.root("node1").read("/etc/squid3/squid.conf") == Fixture.squidConf + "# on kept connections\n")
        #expect(try cluster.confsync(["log", "-n", "1"]).stdout.contains("root"))

        let deploy = try cluster.confsync(["deploy"])
        #expect(deploy.status == 0 && deploy.stdout.contains("node1: up-to-date"), "\(deploy.stdout)\(deploy.stderr)")
        #expect(Self.serveLog(cluster).contains("deploy for root (uid 0): exit 0; nodes: 2 on kept connections, 0 new"), "\(Self.serveLog(cluster))")

        // status --nodes asks the nodes on the same connections, with the output it has here.
        let nodes = try cluster.confsync(["status", "--nodes"])
        #expect(nodes.status == 0 && nodes.stdout.contains("node2  yes"), "\(nodes.stdout)\(nodes.stderr)")
        #expect(Self.serveLog(cluster).contains("status for root (uid 0): exit 0; nodes: 2 on kept connections, 0 new"), "\(Self.serveLog(cluster))")

        let drift = try cluster.confsync(["drift"])
        #expect(drift.status == 0 && drift.stdout.contains("node1: no drift"), "\(drift.stdout)\(drift.stderr)")
        #expect(Self.serveLog(cluster).contains("drift for root (uid 0): exit 0; nodes: 2 on kept connections, 0 new"), "\(Self.serveLog(cluster))")

        // The service knows where the command line's deploy left the nodes: a sync with
        // nothing to do asks none of them.
        var result: [String: Any] = [:]
        let quiet = try ServiceTests.eventually {
            result = try Self.sync(cluster, "nothing")
            return Self.deployPart(result)["asOf"] is NSNumber
        }
        #expect(quiet, "\(result)")

        // A failure is the command's own: the same message and exit status as in this process.
        let there = try cluster.confsync(["deploy", "no-such-revision"])
        let here = try cluster.confsync(["deploy", "no-such-revision", "--no-service"])
        #expect(there.status == here.status && there.status != 0, "\(there.stderr) / \(here.stderr)")
        #expect(there.stderr == here.stderr && there.stdout == here.stdout)

        // adopt fetches the node's drifted file on the kept connection too.
        try cluster.root("node1").write("/etc/squid3/squid.conf", Fixture.squidConf + "# edited on node1\n")
        let adopt = try cluster.confsync(["adopt", "node1", "/etc/squid3/squid.conf"])
        #expect(adopt.status == 0, "\(adopt.stdout)\(adopt.stderr)")
        #expect(cluster.director.read("/etc/squid3/squid.conf") == Fixture.squidConf + "# edited on node1\n")
        #expect(Self.serveLog(cluster).contains("adopt for root (uid 0): exit 0; nodes: 1 on kept connections, 0 new"), "\(Self.serveLog(cluster))")
    }
}
