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
}
