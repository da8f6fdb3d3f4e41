import Foundation
import GitStore
import Testing

/// `confsync drift --json` against real agents on loopback: one document with every node,
/// reached or not, its commit and its drifted files' kinds, blob ids and attributes, never
/// their content; the exit status as the text form's.
@Suite(.serialized) struct DriftJSONEndToEndTests {
    static let squid = "/etc/squid3/squid.conf"

    @Test func driftAsOneJSONDocument() throws {
        let cluster = try TestCluster()
        defer { cluster.shutdown() }
        #expect(try cluster.commit("first").status == 0)
        #expect(try cluster.deploy().status == 0)
        let repo = cluster.director.path + "/var/lib/confsync/repo.git"
        let head = try CLI.runProgram("/usr/bin/git", ["-C", repo, "rev-parse", "main"]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)

        var r = try cluster.confsync(["drift", "--json"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        var json = try Self.document(r.stdout)
        #expect(json["drifted"] as? Bool == false && json["unreachable"] as? Bool == false)
        var nodes = try Self.nodes(json)
        #expect(nodes.keys.sorted() == ["node1", "node2", "node3"])
        for node in nodes.values {
            #expect(node["reached"] as? Bool == true && node["problem"] is NSNull && node["commit"] as? String == head)
            #expect((node["files"] as? [Any])?.isEmpty == true)
        }

        // node2: a hand edit of the content; node1: of the mode; node3 does not answer.
        let handFix = Fixture.squidConf.replacingOccurrences(of: "http_port 3128", with: "http_port 3129")
            + "# only-on-node2\n"
        try cluster.root("node2").write(Self.squid, handFix)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: cluster.root("node1").path + Self.squid)
        cluster.stopAgent("node3")

        r = try cluster.confsync(["drift", "--json"])
        #expect(r.status == 4, "drift, as the text form says it: \(r.stdout)\(r.stderr)")
        #expect(!r.stdout.contains("only-on-node2") && !r.stdout.contains("http_port"), "no content: \(r.stdout)")
        json = try Self.document(r.stdout)
        #expect(json["drifted"] as? Bool == true && json["unreachable"] as? Bool == true)
        nodes = try Self.nodes(json)

        let deployedBlob = try Repository.blobID(of: Array(Fixture.squidConf.utf8)).hex
        let deployed = ["blob": deployedBlob, "mode": "0644", "owner": "root", "group": "root"]
        let node2 = try #require(nodes["node2"])
        #expect(node2["reached"] as? Bool == true && node2["commit"] as? String == head)
        let edited = try #require((node2["files"] as? [[String: Any]])?.first)
        #expect(edited["path"] as? String == Self.squid && edited["kind"] as? String == "content", "\(edited)")
        #expect(edited["attributesChanged"] as? Bool == false)
        #expect(edited["expected"] as? [String: String] == deployed)
        let liveBlob = try Repository.blobID(of: Array(handFix.utf8)).hex
        #expect(edited["live"] as? [String: String] == deployed.merging(["blob": liveBlob]) { $1 }, "\(edited)")

        let node1 = try #require(nodes["node1"])
        let chmodded = try #require((node1["files"] as? [[String: Any]])?.first)
        #expect(chmodded["path"] as? String == Self.squid && chmodded["kind"] as? String == "attributes", "\(chmodded)")
        #expect(chmodded["attributesChanged"] as? Bool == true)
        #expect((chmodded["live"] as? [String: Any])?["mode"] as? String == "0600", "\(chmodded)")

        let node3 = try #require(nodes["node3"])
        #expect(node3["reached"] as? Bool == false && node3["commit"] is NSNull, "\(node3)")
        #expect((node3["problem"] as? String)?.isEmpty == false, "\(node3)")

        // Only unreachable: exit 1, as the text form; the document is printed all the same.
        r = try cluster.confsync(["drift", "--json", "node3"])
        #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
        #expect(try Self.nodes(try Self.document(r.stdout)).keys.sorted() == ["node3"])
        #expect(try cluster.confsync(["drift", "node3"]).status == 1)
    }

    static func document(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "\(text)")
    }

    /// The document's nodes by name.
    static func nodes(_ json: [String: Any]) throws -> [String: [String: Any]] {
        let nodes = try #require(json["nodes"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: nodes.compactMap { node in (node["node"] as? String).map { ($0, node) } })
    }
}
