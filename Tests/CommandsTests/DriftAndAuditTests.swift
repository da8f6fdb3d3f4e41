import Foundation
import Testing

@Suite(.serialized) struct DriftAndAuditTests {
    @Test func driftIsShownAdoptedAndDeployedToTheOtherNodes() throws {
        let cluster = try TestCluster()
        defer { cluster.shutdown() }
        #expect(try cluster.commit("first").status == 0)
        #expect(try cluster.deploy().status == 0)

        // An admin fixes squid.conf by hand on node2.
        let handFix = Fixture.squidConf.replacingOccurrences(of: "http_port 3128", with: "http_port 3129")
        try cluster.root("node2").write("/etc/squid3/squid.conf", handFix)
        var r = try cluster.confsync(["drift"])
        #expect(r.status == 4)
        #expect(r.stdout.contains("node1: no drift"))
        #expect(r.stdout.contains("node2: 1 drifted file(s)"))
        #expect(r.stdout.contains("-http_port 3128"), "\(r.stdout)")
        #expect(r.stdout.contains("+http_port 3129"), "\(r.stdout)")

        r = try cluster.confsync(["status", "--nodes"])
        #expect(r.stdout.contains("node2"))
        #expect(r.stdout.contains("1 file(s)"), "\(r.stdout)")

        // Adopt it: a validated commit naming node2, written to the director's live file.
        r = try cluster.confsync(["adopt", "node2", "/etc/squid3/squid.conf", "--author", "Carol <carol@example.org>"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(cluster.director.read("/etc/squid3/squid.conf") == handFix)
        r = try cluster.confsync(["show"])
        #expect(r.stdout.contains("Drift-Adopted-From: node2"))

        // Deploy brings node1 and node3 to it; node2 already has it.
        r = try cluster.deploy()
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        for node in cluster.nodes { #expect(cluster.root(node).read("/etc/squid3/squid.conf") == handFix) }
        #expect(try cluster.confsync(["drift"]).status == 0)

        // Audit: commits and deploys in one timeline, also as JSON lines.
        r = try cluster.confsync(["audit"])
        #expect(r.stdout.contains("commit"))
        #expect(r.stdout.contains("Carol <carol@example.org>"))
        #expect(r.stdout.contains("deploy"))
        r = try cluster.confsync(["audit", "--node", "node3", "--json"])
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 2, "\(r.stdout)")
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["type"] as? String == "deploy")
            #expect(object?["node"] as? String == "node3")
        }
        r = try cluster.confsync(["audit", "--path", "/etc/squid3/squid.conf", "--json"])
        #expect(r.stdout.contains("\"type\":\"commit\""))
    }
}
