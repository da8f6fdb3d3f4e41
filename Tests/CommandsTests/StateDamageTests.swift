import Foundation
import Testing

/// An agent's `state.log` damaged on disk for real, between two runs of the agent: the agent
/// still starts, warns, and a plain deploy brings the node back without `--force`.
@Suite("State damage", .serialized)
struct StateDamageTests {
    static let log = "/var/lib/confsync/agent/state.log"

    /// A one-node cluster deployed at two commits (the second changes squid.conf), so that
    /// `state.log` holds two blocks; the agent is stopped.
    static func deployedTwice() throws -> TestCluster {
        let cluster = try TestCluster(nodes: ["node1"])
        #expect(try cluster.commit("first").status == 0)
        var r = try cluster.deploy()
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        try cluster.director.write("/etc/squid3/squid.conf", Fixture.squidConf + "# two\n")
        #expect(try cluster.commit("two").status == 0)
        r = try cluster.deploy()
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        cluster.stopAgent("node1")
        return cluster
    }

    /// Damages node1's `state.log` in place, as `damage` says.
    static func damage(_ cluster: TestCluster, _ damage: String) throws {
        let path = cluster.root("node1").path + log
        var bytes = Array(try #require(FileManager.default.contents(atPath: path)))
        let lines = bytes.indices.filter { bytes[$0] == UInt8(ascii: "\n") }.map { $0 + 1 }
        switch damage {
        case "zero-length":
            bytes = []
        case "overwritten":
            // The keyword of the third line (inside the first block) becomes garbage.
            bytes.replaceSubrange(lines[1]..<(lines[1] + 4), with: Array("####".utf8))
        default:
            // Cut inside the last line: the last save's `saved` line.
            bytes.removeLast(5)
        }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    static func stderr(_ cluster: TestCluster) -> String {
        (try? String(contentsOfFile: cluster.base.path + "/node1.stderr", encoding: .utf8)) ?? ""
    }

    @Test(
        "after damage the agent starts, warns, and a plain deploy converges",
        arguments: ["zero-length", "overwritten", "cut in the last block"])
    func damagedLogConverges(damage: String) throws {
        let cluster = try Self.deployedTwice()
        defer { cluster.shutdown() }
        try Self.damage(cluster, damage)
        try cluster.startAgent("node1", stderr: cluster.base.path + "/node1.stderr")
        let warnings = Self.stderr(cluster)
        #expect(warnings.contains("confsync agent: warning: "), "\(warnings)")
        #expect(warnings.contains("state.log"), "\(warnings)")

        var r = try cluster.deploy()
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(cluster.root("node1").read("/etc/squid3/squid.conf") == Fixture.squidConf + "# two\n")
        #expect(cluster.reloadLog("node1").count == 2, "files already in place run no action")
        r = try cluster.deploy()
        #expect(r.stdout.contains("node1: up-to-date"), "\(r.stdout)\(r.stderr)")
        #expect(try cluster.confsync(["drift"]).status == 0)

        try cluster.director.write("/etc/squid3/squid.conf", Fixture.squidConf + "# three\n")
        #expect(try cluster.commit("three").status == 0)
        r = try cluster.deploy()
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(cluster.root("node1").read("/etc/squid3/squid.conf") == Fixture.squidConf + "# three\n")
    }

    @Test("the last save cut short, then a commit changing the same file: a plain deploy converges")
    func cutLastSaveThenNewCommit() throws {
        let cluster = try Self.deployedTwice()
        defer { cluster.shutdown() }
        try Self.damage(cluster, "cut in the last block")
        try cluster.startAgent("node1")
        try cluster.director.write("/etc/squid3/squid.conf", Fixture.squidConf + "# three\n")
        #expect(try cluster.commit("three").status == 0)
        let r = try cluster.deploy()
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(cluster.root("node1").read("/etc/squid3/squid.conf") == Fixture.squidConf + "# three\n")
        #expect(cluster.reloadLog("node1").last?.hasPrefix("reloaded ") == true)
        #expect(cluster.reloadLog("node1").count == 3)
    }

    @Test("on a damaged node a file edited by hand is still drift: refused, kept, and only --force replaces it")
    func driftStillRefused() throws {
        let cluster = try Self.deployedTwice()
        defer { cluster.shutdown() }
        try Self.damage(cluster, "overwritten")
        let node1 = cluster.root("node1")
        try node1.write("/etc/squid3/squid.conf", "edited by hand\n")
        try cluster.startAgent("node1")
        try cluster.director.write("/etc/squid3/squid.conf", Fixture.squidConf + "# three\n")
        #expect(try cluster.commit("three").status == 0)

        var r = try cluster.deploy()
        #expect(r.status == 5, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("node1: refused"), "\(r.stdout)")
        #expect(r.stdout.contains("drifted /etc/squid3/squid.conf"), "\(r.stdout)")
        #expect(node1.read("/etc/squid3/squid.conf") == "edited by hand\n")

        r = try cluster.deploy(["--force"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(node1.read("/etc/squid3/squid.conf") == Fixture.squidConf + "# three\n")
        let repo = cluster.director.path + "/var/lib/confsync/repo.git"
        let kept = try CLI.runProgram(
            "/usr/bin/git", ["-C", repo, "show", "refs/confsync/drift/node1:etc/squid3/squid.conf"])
        #expect(kept.stdout == "edited by hand\n", "\(kept.stderr)")
    }
}
