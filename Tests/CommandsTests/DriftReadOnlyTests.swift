import Foundation
import GitStore
import Testing

/// Looking at drift (`drift`, `drift --json`, `status --nodes`) adds nothing to the director's
/// repository; adopting stores the node's content and commits it.
@Suite(.serialized) struct DriftReadOnlyTests {
    static let squid = "/etc/squid3/squid.conf"

    @Test func lookingAtDriftStoresNothingAndAdoptCommitsTheNodesContent() throws {
        let cluster = try TestCluster(nodes: ["node1", "node2"])
        defer { cluster.shutdown() }
        #expect(try cluster.commit("first").status == 0)
        #expect(try cluster.deploy().status == 0)
        let objects = RepositoryObjects(cluster.director.path + "/var/lib/confsync/repo.git")
        let handFix = Fixture.squidConf.replacingOccurrences(of: "http_port 3128", with: "http_port 3129")
            + "# hand edit on node2\n"
        try cluster.root("node2").write(Self.squid, handFix)
        let live = try Repository.blobID(of: Array(handFix.utf8)).hex

        let before = try objects.count()
        var r = try cluster.confsync(["drift"])
        #expect(r.status == 4 && r.stdout.contains("+http_port 3129"), "the diff is shown: \(r.stdout)\(r.stderr)")
        #expect(try cluster.confsync(["drift", "--json"]).status == 4)
        #expect(try cluster.confsync(["drift", "node2"]).status == 4)
        #expect(try cluster.confsync(["status", "--nodes"]).status == 0)
        #expect(try objects.count() == before, "looking at drift added objects")
        #expect(try !objects.contains(live), "the node's content is not stored by looking at it")

        r = try cluster.confsync(["adopt", "node2", Self.squid, "--author", "Carol <carol@example.org>"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(try objects.contains(live), "adopt stores the node's content")
        #expect(try objects.show("main:etc/squid3/squid.conf") == handFix)
        #expect(try objects.show("main").contains("Drift-Adopted-From: node2"))
    }
}

/// The objects of a director's repository as git counts them (loose and packed).
struct RepositoryObjects {
    let path: String

    init(_ path: String) { self.path = path }

    func count() throws -> Int {
        let r = try CLI.runProgram("/usr/bin/git", ["-C", path, "count-objects", "-v"])
        var total = 0
        for line in r.stdout.split(separator: "\n") {
            let fields = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count == 2, fields[0] == "count" || fields[0] == "in-pack", let n = Int(fields[1]) else { continue }
            total += n
        }
        return total
    }

    func contains(_ id: String) throws -> Bool {
        try CLI.runProgram("/usr/bin/git", ["-C", path, "cat-file", "-e", id]).status == 0
    }

    func show(_ revision: String) throws -> String {
        try CLI.runProgram("/usr/bin/git", ["-C", path, "show", revision]).stdout
    }
}
