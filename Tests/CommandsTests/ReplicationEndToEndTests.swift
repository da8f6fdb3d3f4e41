import Foundation
import Testing

/// Two directors replicating their repositories through each other's agents, and two nodes;
/// every host a separate process with its own root, on loopback.
@Suite(.serialized) struct ReplicationEndToEndTests {
    @Test func commitReplicatesAndADirectorThatWasDownCatchesUp() throws {
        let pair = try DirectorPair()
        defer { pair.shutdown() }

        // A commit on d1 reaches d2: the same history, commit for commit.
        var r = try pair.commit("d1", "first")
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("d2: updated"), "\(r.stdout)")
        #expect(try pair.history("d1") == pair.history("d2"))

        // The deploy brings d2's live files and the nodes' along; its records replicate too.
        r = try pair.run("d1", ["deploy"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(pair.root("d2").read("/etc/squid3/squid.conf") == Fixture.squidConf)
        #expect(pair.root("node2").read("/etc/squid3/squid.conf") == Fixture.squidConf)
        #expect(try pair.history("d1") == pair.history("d2"))
        #expect(try pair.git("d2", ["rev-parse", "refs/confsync/nodes/node1"]) == pair.head("d1"))
        r = try pair.run("d1", ["replicate"])
        #expect(r.status == 0 && r.stdout.contains("d2: up-to-date"), "\(r.stdout)\(r.stderr)")
        // d2 deploys the replicated commit too: d1's live files are a node of d2.
        r = try pair.run("d2", ["deploy"])
        #expect(r.status == 0 && r.stdout.contains("d1: deployed"), "\(r.stdout)\(r.stderr)")
        #expect(try pair.history("d1") == pair.history("d2"))
        #expect(try pair.fsckClean())

        // d1 goes down; d2 commits and deploys on its own (warnings, the commit stays).
        pair.stopAgent("d1")
        try pair.setCacheMem("d2", 300)
        r = try pair.commit("d2", "more memory, from d2")
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("d1: unreachable"), "\(r.stdout)")
        #expect(r.stderr.contains("warning"), "\(r.stderr)")
        r = try pair.run("d2", ["deploy"])
        #expect(r.status == 5, "\(r.stdout)\(r.stderr)")
        #expect(pair.root("node1").read("/etc/squid3/squid.conf")?.contains("300 MB") == true)
        #expect(try pair.head("d1") != pair.head("d2"))

        // d1 is back: it sees it is behind, pulls, and d2's next deploy brings its live files.
        try pair.startAgent("d1")
        r = try pair.run("d1", ["status", "--peers"])
        #expect(r.stdout.contains("d2: ahead by 1 commit(s)"), "\(r.stdout)")
        r = try pair.run("d1", ["replicate"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("d2: updated"), "\(r.stdout)")
        #expect(try pair.history("d1") == pair.history("d2"))
        r = try pair.run("d2", ["deploy"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(pair.root("d1").read("/etc/squid3/squid.conf")?.contains("300 MB") == true)
        #expect(try pair.history("d1") == pair.history("d2"))
        // Both sides record node positions from the same merged records.
        #expect(try pair.git("d1", ["rev-parse", "refs/confsync/nodes/node1"]) == pair.head("d2"))
        #expect(try pair.git("d1", ["rev-parse", "refs/confsync/nodes/d1"]) == pair.head("d2"))
        #expect(try pair.fsckClean())

        // Audit answers the same on either director: commits and deploys from both.
        let audit1 = try pair.run("d1", ["audit", "--json"])
        let audit2 = try pair.run("d2", ["audit", "--json"])
        #expect(audit1.status == 0 && !audit1.stdout.isEmpty)
        #expect(audit1.stdout == audit2.stdout)
        #expect(audit1.stdout.contains("\"director\":\"d1\"") && audit1.stdout.contains("\"director\":\"d2\""))
    }

    @Test func divergedMainsAreNeverOverwrittenAndReconcileKeepsEveryCommit() throws {
        let pair = try DirectorPair()
        defer { pair.shutdown() }
        #expect(try pair.commit("d1", "first").status == 0)
        #expect(try pair.run("d1", ["deploy"]).status == 0)

        // Each director commits while the other is down: different files.
        let (d1Head, d2Head) = try diverge(
            pair, d1: { try pair.setCacheMem("d1", 300) },
            d2: { try pair.root("d2").write("/etc/squid3/extra.conf", "# from d2\n") })

        // Replication refuses, on both sides, and overwrites nothing.
        var r = try pair.run("d1", ["replicate"])
        #expect(r.status == 4, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("d2: diverged (here \(d1Head.prefix(7)) (+1), d2 \(d2Head.prefix(7)) (+1), since "), "\(r.stdout)")
        #expect(!r.stdout.contains("diverged: diverged") && !r.stdout.contains("diverged (diverged"), "\(r.stdout)")
        r = try pair.run("d2", ["replicate"])
        #expect(r.status == 4, "\(r.stdout)\(r.stderr)")
        #expect(try pair.head("d1") == d1Head && pair.head("d2") == d2Head)
        r = try pair.run("d1", ["status", "--peers"])
        #expect(
            r.stdout.contains("  d2: diverged: here \(d1Head.prefix(7)) (+1), d2 \(d2Head.prefix(7)) (+1)"), "\(r.stdout)")
        #expect(!r.stdout.contains("overwritten") && r.stdout.contains("'confsync reconcile --peer d2' joins them"), "\(r.stdout)")

        // No 'auto' in the group: reconcile asks which side.
        r = try pair.run("d1", ["reconcile"])
        #expect(r.status == 4, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains("--take"), "\(r.stderr)")
        #expect(r.stderr.contains("'--take merge' merges cleanly here: 1 file(s) from this director, 1 from d2"), "\(r.stderr)")
        #expect(r.stderr.contains("d2: \(d2Head.prefix(7))"), "\(r.stderr)")

        // A merge: different files, so both changes are in; both mains move to it.
        r = try pair.run("d1", ["reconcile", "--take", "merge", "--apply"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(try pair.head("d1") == pair.head("d2"))
        #expect(try pair.history("d1") == pair.history("d2"))
        for old in [d1Head, d2Head] { #expect(try pair.isAncestor("d2", old, of: "refs/heads/main")) }
        #expect(try pair.git("d1", ["show", "main:etc/squid3/extra.conf"]) == "# from d2")
        #expect(try pair.git("d1", ["show", "main:etc/squid3/squid.conf"]).contains("300 MB"))
        #expect(pair.root("d1").read("/etc/squid3/extra.conf") == "# from d2\n")
        // The deploy records of both sides were merged, not overwritten.
        let merges = try pair.git("d2", ["rev-list", "--merges", "refs/notes/confsync/deploys"])
        #expect(!merges.isEmpty)
        let records = try pair.git("d2", ["notes", "--ref", "refs/notes/confsync/deploys", "show", d1Head])
        #expect(records.contains("\"director\":\"d1\""), "\(records)")
        #expect(
            try pair.git("d2", ["notes", "--ref", "refs/notes/confsync/deploys", "show", d2Head]).contains(
                "\"director\":\"d2\""))
        #expect(try pair.fsckClean())

        // Then the same file changed differently: a merge is refused, d2 takes its own side.
        #expect(try pair.run("d1", ["deploy"]).status == 0)
        let (d1Second, d2Second) = try diverge(
            pair, d1: { try pair.setCacheMem("d1", 400) },
            d2: { try pair.setCacheMem("d2", 500) })
        r = try pair.run("d2", ["reconcile", "--take", "merge"])
        #expect(r.status == 4, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains("/etc/squid3/squid.conf"), "\(r.stderr)")
        #expect(try pair.head("d1") == d1Second && pair.head("d2") == d2Second)
        r = try pair.run("d2", ["reconcile", "--take", "ours"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(try pair.history("d1") == pair.history("d2"))
        #expect(try pair.git("d1", ["show", "main:etc/squid3/squid.conf"]).contains("500 MB"))
        for old in [d1Second, d2Second] { #expect(try pair.isAncestor("d1", old, of: "refs/heads/main")) }
        // d1's files, not taken, are named on both sides.
        let kept = try pair.git("d1", ["for-each-ref", "--format=%(objectname) %(refname)", "refs/confsync/diverged/"])
        #expect(kept.hasPrefix("\(d1Second) refs/confsync/diverged/d1-"), "\(kept)")
        #expect(
            try pair.git("d2", ["for-each-ref", "--format=%(objectname) %(refname)", "refs/confsync/diverged/"]) == kept
        )
        #expect(try pair.run("d1", ["replicate"]).status == 0)
        #expect(try pair.fsckClean())
    }

    @Test func autoFirstSettlesConflictsForTheDirectorListedFirst() throws {
        let pair = try DirectorPair(nodes: ["node1"], auto: "first")
        defer { pair.shutdown() }
        #expect(try pair.commit("d1", "first").status == 0)
        #expect(try pair.run("d1", ["deploy"]).status == 0)
        let (d1Head, d2Head) = try diverge(
            pair,
            d1: {
                try pair.setCacheMem("d1", 300)
                try pair.root("d1").write("/etc/squid3/d1.conf", "# d1\n")
            },
            d2: {
                try pair.setCacheMem("d2", 500)
                try pair.root("d2").write("/etc/squid3/d2.conf", "# d2\n")
            })

        // Run on d2, without --take: the merge takes d1's squid.conf (listed first) and both new files.
        let r = try pair.run("d2", ["reconcile"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("conflict /etc/squid3/squid.conf: took d1's"), "\(r.stdout)")
        #expect(try pair.head("d1") == pair.head("d2"))
        let main = try pair.git("d1", ["ls-tree", "-r", "--name-only", "main"])
        #expect(main.contains("etc/squid3/d1.conf") && main.contains("etc/squid3/d2.conf"))
        #expect(try pair.git("d1", ["show", "main:etc/squid3/squid.conf"]).contains("300 MB"))
        for old in [d1Head, d2Head] { #expect(try pair.isAncestor("d1", old, of: "refs/heads/main")) }
        #expect(try pair.history("d1") == pair.history("d2"))
        #expect(try pair.fsckClean())
    }

    /// Commits and deploys `d1`'s change while d2 is down, then `d2`'s while d1 is down (so
    /// main and the deploy records both diverge); both back up. Returns the two heads.
    private func diverge(
        _ pair: DirectorPair, d1: () throws -> Void, d2: () throws -> Void
    ) throws -> (String, String) {
        try writeAlone(pair, "d1", while: "d2", change: d1)
        let deploy = try writeAlone(pair, "d2", while: "d1", change: d2)
        // d2 does not have d1's commit, where the nodes are: it says so.
        #expect(deploy.contains("a commit this repository does not have"), "\(deploy)")
        return (try pair.head("d1"), try pair.head("d2"))
    }

    /// `director` changes, commits and deploys while `other` is down, then `other` comes back.
    /// Returns what the deploy printed.
    @discardableResult
    private func writeAlone(_ pair: DirectorPair, _ director: String, while other: String, change: () throws -> Void)
        throws -> String
    {
        pair.stopAgent(other)
        try change()
        var r = try pair.commit(director, "change on \(director)")
        #expect(r.status == 0 && r.stdout.contains("\(other): unreachable"), "\(r.stdout)\(r.stderr)")
        r = try pair.run(director, ["deploy"])
        #expect(r.status == 5 && r.stdout.contains("\(other): unreachable"), "\(r.stdout)\(r.stderr)")
        try pair.startAgent(other)
        return r.stdout
    }
}
