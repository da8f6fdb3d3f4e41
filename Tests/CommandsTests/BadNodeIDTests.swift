import Foundation
import Testing

/// A node that reports an id that is not one (its state edited by hand, a broken agent): the
/// deploy fails that node, saying which id and whose, and still brings the others along.
@Suite("Bad ids from a node", .serialized)
struct BadNodeIDTests {
    static let stateFiles = ["/var/lib/confsync/agent/state", "/var/lib/confsync/agent/state.log"]

    /// Stops `node`'s agent, makes the `replacements` (old text -> new) in its state files, and
    /// starts it again. (One edit per run of the agent: a SIGTERM that reaches an agent just
    /// started can be lost before its signal handling is armed, and the stop would then wait.)
    static func edit(_ cluster: TestCluster, _ node: String, replacing replacements: [(String, String)]) throws {
        cluster.stopAgent(node)
        let root = cluster.root(node)
        for file in stateFiles {
            guard let text = root.read(file) else { continue }
            let edited = replacements.reduce(text) { $0.replacingOccurrences(of: $1.0, with: $1.1) }
            try root.write(file, file.hasSuffix(".log") ? StateFiles.resealed(edited) : edited, mode: 0o600)
        }
        try cluster.startAgent(node)
    }

    static func git(_ cluster: TestCluster, _ arguments: [String]) throws -> String {
        let repo = cluster.director.path + "/var/lib/confsync/repo.git"
        let r = try CLI.runProgram("/usr/bin/git", ["-C", repo] + arguments)
        return try #require(r.stdout.split(separator: "\n").first.map(String.init), "git \(arguments): \(r.stderr)")
    }

    @Test func aBadCommitOrBlobIDFailsThatNodeOnly() throws {
        let cluster = try TestCluster(nodes: ["node1", "node2"])
        defer { cluster.shutdown() }
        #expect(try cluster.commit("first").status == 0)
        var r = try cluster.deploy()
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let first = try Self.git(cluster, ["rev-parse", "main"])
        let blob = try Self.git(cluster, ["rev-parse", "main:etc/squid3/squid.conf"])

        // The node's commit.
        try Self.edit(cluster, "node1", replacing: [(first, "not-a-commit")])
        try cluster.director.write("/etc/squid3/squid.conf", Fixture.squidConf + "# two\n")
        #expect(try cluster.commit("two").status == 0)
        r = try cluster.deploy()
        #expect(r.status != 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("node1: failed"), "\(r.stdout)")
        #expect(r.stdout.contains("node1's commit is 'not-a-commit', not a 40-digit object id"), "\(r.stdout)")
        #expect(r.stdout.contains("node2: deployed"), "\(r.stdout)")
        #expect(cluster.root("node2").read("/etc/squid3/squid.conf") == Fixture.squidConf + "# two\n")
        #expect(cluster.root("node1").read("/etc/squid3/squid.conf") == Fixture.squidConf)

        // A blob id in the node's manifest, read for a full deploy.
        try Self.edit(cluster, "node1", replacing: [("not-a-commit", first), (blob, "zz")])
        r = try cluster.deploy(["--full"])
        #expect(r.status != 0, "\(r.stdout)\(r.stderr)")
        #expect(
            r.stdout.contains("node1's manifest entry for /etc/squid3/squid.conf is 'zz', not a 40-digit object id"),
            "\(r.stdout)")
        #expect(r.stdout.contains("node2: up-to-date") || r.stdout.contains("node2: deployed"), "\(r.stdout)")
    }
}
