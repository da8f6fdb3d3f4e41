import Foundation
import Testing

/// csync2's `%prefix%`: a directory that has another path on some hosts. Files under the
/// director's directory land under each node's own directory for the prefix, actions get
/// the node's real paths, and what a node reports comes back in the director's paths.
@Suite(.serialized) struct PrefixDeployTests {
    static let prelude = """
        prefix pool
        {
        \ton node1: /srv/node1-pool;
        \ton *: /srv/pool;
        }

        """

    static let groupBody = """
        \tinclude /etc/csync2.cfg;
        \tinclude %pool%;
        \taction
        \t{
        \t\tpattern %pool%/pool.conf;
        \t\texec "echo reloaded %% >> $CONFSYNC_ROOT/var/log/reload.log";
        \t\tlogfile "/var/log/confsync_action.log";
        \t}
        """

    @Test func filesAndActionPathsFollowEachNodesPrefix() throws {
        let cluster = try TestCluster(nodes: ["node1", "node2"], prelude: Self.prelude, groupBody: Self.groupBody)
        defer { cluster.shutdown() }
        let d = cluster.director
        try d.write("/srv/pool/pool.conf", "pool 1\n")
        try d.write("/srv/pool/sub/members", "a b\n")
        var r = try cluster.commit("pool")
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")

        // A dry run shows where each node keeps the files.
        r = try cluster.deploy(["--dry-run"])
        #expect(r.stdout.contains("    A /srv/pool/pool.conf (on node1: /srv/node1-pool/pool.conf)"), "\(r.stdout)")
        #expect(r.stdout.contains("    A /srv/pool/pool.conf\n"), "\(r.stdout)")

        r = try cluster.deploy()
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        // The director's /srv/pool is node1's /srv/node1-pool; node2 keeps /srv/pool.
        let node1 = cluster.root("node1"), node2 = cluster.root("node2")
        #expect(node1.read("/srv/node1-pool/pool.conf") == "pool 1\n")
        #expect(node1.read("/srv/node1-pool/sub/members") == "a b\n")
        #expect(node1.read("/srv/pool/pool.conf") == nil)
        #expect(node2.read("/srv/pool/pool.conf") == "pool 1\n")
        #expect(cluster.reloadLog("node1") == ["reloaded \(node1.path)/srv/node1-pool/pool.conf"])
        #expect(cluster.reloadLog("node2") == ["reloaded \(node2.path)/srv/pool/pool.conf"])
        // The deploy record names the director's paths, whatever the node calls them.
        r = try cluster.confsync(["audit", "--node", "node1", "--path", "/srv/pool/pool.conf"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("/srv/pool/pool.conf"), "\(r.stdout)")

        // A hand edit on node1 is drift of the director's /srv/pool/pool.conf.
        try node1.write("/srv/node1-pool/pool.conf", "pool hand edit\n")
        r = try cluster.confsync(["drift", "node1"])
        #expect(r.stdout.contains("/srv/pool/pool.conf"), "\(r.stdout)\(r.stderr)")
        #expect(!r.stdout.contains("node1-pool"), "\(r.stdout)")
        try d.write("/srv/pool/pool.conf", "pool 2\n")
        #expect(try cluster.commit("pool 2").status == 0)
        r = try cluster.deploy()
        #expect(r.status == 5, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("node1: refused"), "\(r.stdout)")
        #expect(node1.read("/srv/node1-pool/pool.conf") == "pool hand edit\n")
        #expect(node2.read("/srv/pool/pool.conf") == "pool 2\n")

        // Forced: the hand edit is kept under the director's path, then overwritten.
        r = try cluster.deploy(["--force"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(node1.read("/srv/node1-pool/pool.conf") == "pool 2\n")
        let repo = d.path + "/var/lib/confsync/repo.git"
        let kept = try CLI.runProgram("/usr/bin/git", ["-C", repo, "show", "refs/confsync/drift/node1:srv/pool/pool.conf"])
        #expect(kept.stdout == "pool hand edit\n", "\(kept.stderr)")
        #expect(cluster.reloadLog("node1").last == "reloaded \(node1.path)/srv/node1-pool/pool.conf")

        // A node at a commit this repository lacks is planned from its manifest, which names
        // the node's paths: only the changed file goes, and nothing counts as drift.
        cluster.stopAgent("node1")
        let head = try #require(try CLI.runProgram("/usr/bin/git", ["-C", repo, "rev-parse", "main"]).stdout
            .split(separator: "\n").first.map(String.init))
        for file in ["/var/lib/confsync/agent/state", "/var/lib/confsync/agent/state.log"] {
            guard let text = node1.read(file) else { continue }
            let edited = text.replacingOccurrences(of: head, with: String(repeating: "0", count: 40))
            try node1.write(file, file.hasSuffix(".log") ? StateFiles.resealed(edited) : edited, mode: 0o600)
        }
        try cluster.startAgent("node1")
        try d.write("/srv/pool/sub/members", "a b c\n")
        #expect(try cluster.commit("members").status == 0)
        r = try cluster.deploy(["--node", "node1"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("node1: deployed, 1 file(s)"), "\(r.stdout)")
        #expect(node1.read("/srv/node1-pool/sub/members") == "a b c\n")
    }
}
