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

    @Test func overwriteDriftRestoresANodeAlreadyAtTheCommit() throws {
        let cluster = try TestCluster(nodes: ["node1", "node2"])
        defer { cluster.shutdown() }
        #expect(try cluster.commit("first").status == 0)
        #expect(try cluster.deploy().status == 0)
        let squid = "/etc/squid3/squid.conf"
        try cluster.root("node2").write(squid, "# hand edit on node2\n")

        // A forced deploy changes nothing where the commit changes nothing; --overwrite-drift does.
        var r = try cluster.deploy(["--force"])
        #expect(r.status == 0 && cluster.root("node2").read(squid) == "# hand edit on node2\n", "\(r.stdout)\(r.stderr)")
        r = try cluster.deploy(["--overwrite-drift"])
        #expect(r.status == 64 && r.stderr.contains("--overwrite-drift needs --force"), "\(r.stderr)")
        r = try cluster.deploy(["--force", "--overwrite-drift", "--node", "node2"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(cluster.root("node2").read(squid) == Fixture.squidConf)
        #expect(try cluster.confsync(["drift"]).status == 0)
        let repo = cluster.director.path + "/var/lib/confsync/repo.git"
        let kept = try CLI.runProgram("/usr/bin/git", ["-C", repo, "show", "refs/confsync/drift/node2:etc/squid3/squid.conf"])
        #expect(kept.stdout == "# hand edit on node2\n", "\(kept.stderr)")
        r = try cluster.confsync(["audit", "--node", "node2", "--json"])
        #expect(r.stdout.split(separator: "\n").last?.contains("\"driftSaved\":\"") == true, "\(r.stdout)")
    }
}
