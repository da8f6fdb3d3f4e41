import Foundation
import Testing

/// A symbolic link the director tracks reaches the nodes as a link (csync2 syncs links too).
@Suite(.serialized) struct SymlinkDeployTests {
    static func target(_ root: TempRoot, _ path: String) -> String? {
        try? FileManager.default.destinationOfSymbolicLink(atPath: root.path + path)
    }

    /// Commits /etc/squid3/cache.conf -> small.conf on the director and deploys it.
    static func deployALink(_ cluster: TestCluster) throws {
        let d = cluster.director
        try d.write("/etc/squid3/small.conf", "cache_mem 64 MB\n")
        try FileManager.default.createSymbolicLink(atPath: d.path + "/etc/squid3/cache.conf", withDestinationPath: "small.conf")
        #expect(try cluster.commit("cache link").status == 0)
        #expect(try cluster.deploy().status == 0)
    }

    @Test func linksAreDeployedRetargetedAndRemoved() throws {
        let cluster = try TestCluster(nodes: ["node1", "node2"])
        defer { cluster.shutdown() }
        let d = cluster.director
        try d.write("/etc/squid3/small.conf", "cache_mem 64 MB\n")
        try d.write("/etc/squid3/large.conf", "cache_mem 1 GB\n")
        try FileManager.default.createSymbolicLink(atPath: d.path + "/etc/squid3/cache.conf", withDestinationPath: "small.conf")
        var r = try cluster.commit("cache size as a link")
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        r = try cluster.deploy()
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        for node in cluster.nodes {
            #expect(Self.target(cluster.root(node), "/etc/squid3/cache.conf") == "small.conf")
            #expect(cluster.root(node).read("/etc/squid3/cache.conf") == "cache_mem 64 MB\n")
        }

        // Retargeted on the director: the nodes follow, and nothing is drift afterwards.
        try FileManager.default.removeItem(atPath: d.path + "/etc/squid3/cache.conf")
        try FileManager.default.createSymbolicLink(atPath: d.path + "/etc/squid3/cache.conf", withDestinationPath: "large.conf")
        #expect(try cluster.commit("large cache").status == 0)
        r = try cluster.deploy()
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("node1: deployed, 1 file(s)"), "\(r.stdout)")
        for node in cluster.nodes {
            #expect(Self.target(cluster.root(node), "/etc/squid3/cache.conf") == "large.conf")
        }
        r = try cluster.confsync(["status", "--nodes"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(!r.stdout.contains("drifted"), "\(r.stdout)")

        // A node whose link was retargeted by hand refuses; forced, the hand-made target is kept.
        let node2 = cluster.root("node2")
        try FileManager.default.removeItem(atPath: node2.path + "/etc/squid3/cache.conf")
        try FileManager.default.createSymbolicLink(atPath: node2.path + "/etc/squid3/cache.conf", withDestinationPath: "hand.conf")
        try FileManager.default.removeItem(atPath: d.path + "/etc/squid3/cache.conf")
        #expect(try cluster.commit("no cache link").status == 0)
        r = try cluster.deploy()
        #expect(r.status == 5, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("node2: refused"), "\(r.stdout)")
        #expect(!FileManager.default.fileExists(atPath: cluster.root("node1").path + "/etc/squid3/cache.conf"))
        r = try cluster.deploy(["--force"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(Self.target(node2, "/etc/squid3/cache.conf") == nil)
        let repo = d.path + "/var/lib/confsync/repo.git"
        let kept = try CLI.runProgram("/usr/bin/git", ["-C", repo, "show", "refs/confsync/drift/node2:etc/squid3/cache.conf"])
        #expect(kept.stdout == "hand.conf", "\(kept.stderr)")
    }

    /// A node whose commit has a link that was never sent to it (deploys before links were
    /// deployed) gets it with `deploy --full`; a plain deploy finds it up to date.
    @Test func fullDeployCatchesUpALinkTheNodeNeverGot() throws {
        let cluster = try TestCluster(nodes: ["node1"])
        defer { cluster.shutdown() }
        try Self.deployALink(cluster)

        // What an older confsync left: the node at the commit, without the link in its files
        // or its manifest.
        cluster.stopAgent("node1")
        let node1 = cluster.root("node1")
        try FileManager.default.removeItem(atPath: node1.path + "/etc/squid3/cache.conf")
        for file in ["/var/lib/confsync/agent/state", "/var/lib/confsync/agent/state.log"] {
            guard let text = node1.read(file) else { continue }
            let kept = text.split(separator: "\n", omittingEmptySubsequences: false)
                .filter { !$0.hasPrefix("file\t/etc/squid3/cache.conf\t") }
            let edited = kept.joined(separator: "\n")
            try node1.write(file, file.hasSuffix(".log") ? StateFiles.resealed(edited) : edited, mode: 0o600)
        }
        try cluster.startAgent("node1")

        var r = try cluster.deploy()
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("node1: up-to-date"), "\(r.stdout)")
        #expect(Self.target(node1, "/etc/squid3/cache.conf") == nil)
        r = try cluster.deploy(["--full", "--dry-run"])
        #expect(r.stdout.contains("    A /etc/squid3/cache.conf"), "\(r.stdout)")
        r = try cluster.deploy(["--full"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("node1: deployed, 1 file(s)"), "\(r.stdout)")
        #expect(Self.target(node1, "/etc/squid3/cache.conf") == "small.conf")
        r = try cluster.deploy(["--full"])
        #expect(r.stdout.contains("node1: up-to-date"), "\(r.stdout)")
    }

    /// A link retargeted by hand on a node shows as drift and can be adopted, as a link.
    @Test func aRetargetedLinkIsAdoptedAsALink() throws {
        let cluster = try TestCluster(nodes: ["node1", "node2"])
        defer { cluster.shutdown() }
        let d = cluster.director
        try Self.deployALink(cluster)

        let node1 = cluster.root("node1")
        try FileManager.default.removeItem(atPath: node1.path + "/etc/squid3/cache.conf")
        try FileManager.default.createSymbolicLink(atPath: node1.path + "/etc/squid3/cache.conf", withDestinationPath: "large.conf")
        var r = try cluster.confsync(["drift", "node1"])
        #expect(r.status == 4, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("content /etc/squid3/cache.conf"), "\(r.stdout)")
        #expect(r.stdout.contains("+large.conf"), "\(r.stdout)")

        r = try cluster.confsync(["adopt", "node1", "/etc/squid3/cache.conf"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(Self.target(d, "/etc/squid3/cache.conf") == "large.conf")
        let repo = d.path + "/var/lib/confsync/repo.git"
        let entry = try CLI.runProgram("/usr/bin/git", ["-C", repo, "ls-tree", "main", "etc/squid3/cache.conf"])
        #expect(entry.stdout.hasPrefix("120000 blob "), "\(entry.stdout)")
        r = try cluster.deploy()
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(Self.target(cluster.root("node2"), "/etc/squid3/cache.conf") == "large.conf")
        #expect(try cluster.confsync(["drift"]).status == 0)
    }
}
