import Foundation
import Testing

/// What an operator reads, pinned: each message says what happened and what to do next.
@Suite(.serialized) struct OperatorMessageTests {
    @Test func initWarnsWhenThisDirectorIsInNoGroup() throws {
        let root = try TempRoot()
        defer { root.remove() }
        try root.write("/etc/csync2.cfg", try String(contentsOfFile: CLI.seedClusterFile, encoding: .utf8))
        var r = try CLI.run(["init", "--root", root.path, "--cluster-file", "/etc/csync2.cfg", "--host", "vm"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasSuffix("'confsync commit -m \"first commit\"'.\n"), "\(r.stdout)")
        #expect(r.stderr.contains("warning: host 'vm' is in no group of \(root.path)/etc/csync2.cfg (its hosts: lvs-cache1, lvs-cache2"),
                "\(r.stderr)")
        #expect(r.stderr.contains("confsync init --host NAME"), "\(r.stderr)")

        let other = try TempRoot()
        defer { other.remove() }
        try other.write("/etc/csync2.cfg", try String(contentsOfFile: CLI.seedClusterFile, encoding: .utf8))
        r = try CLI.run(["init", "--root", other.path, "--cluster-file", "/etc/csync2.cfg", "--host", "lvs-director1"])
        #expect(r.status == 0 && !r.stderr.contains("warning"), "\(r.stderr)")
    }
}

/// The manual and the completions come from the command tree: every subcommand and option is there.
struct ManualAndCompletionTests {
    @Test(arguments: ["bash", "zsh", "fish"])
    func completionScriptsKnowEverySubcommand(_ shell: String) throws {
        let r = try CLI.run(["--generate-completion-script", shell])
        #expect(r.status == 0, "\(r.stderr)")
        for word in ["deploy", "commit", "sync", "audit", "agent", "allow-weakened", "wait"] {
            #expect(r.stdout.contains(word), "\(shell) completion lacks \(word)")
        }
    }

    /// What swift-argument-parser's generate-manual plugin reads (the README's install step).
    @Test func theHelpDumpTheManualIsMadeFromParses() throws {
        let r = try CLI.run(["--experimental-dump-help"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let command = try #require(json["command"] as? [String: Any])
        let subcommands = (command["subcommands"] as? [[String: Any]] ?? []).compactMap { $0["commandName"] as? String }
        #expect(Set(["status", "commit", "deploy", "sync", "revert", "audit", "agent"]).isSubset(of: Set(subcommands)), "\(subcommands)")
        #expect(command["abstract"] as? String != nil)
    }
}

/// With the peer director down, a deploy still exits 5, and its last line says the caches
/// are all there and how to leave the peer out.
@Suite(.serialized) struct PeerDownSummaryTests {
    @Test func theSummarySaysAllCachesAreAtTheCommitAndThePeerIsUnreachable() throws {
        let pair = try DirectorPair()
        defer { pair.shutdown() }
        #expect(try pair.commit("d1", "first").status == 0)
        pair.stopAgent("d2")
        let r = try pair.run("d1", ["deploy", "--no-replicate"])
        #expect(r.status == 5, "\(r.stdout)\(r.stderr)")
        let head = try pair.head("d1").prefix(7)
        #expect(r.stdout.contains("d2: unreachable"), "\(r.stdout)")
        #expect(r.stderr.contains("all 3 cache node(s) at \(head); peer director d2 unreachable"), "\(r.stderr)")
        #expect(r.stderr.contains("'--group NAME' or '--node NAME' deploys to the caches alone"), "\(r.stderr)")
        #expect(r.stderr.contains("the next deploy catches them up"), "\(r.stderr)")
    }
}

/// A deploy's line counts what the node wrote, not what was planned.
@Suite(.serialized) struct DeployCountTests {
    @Test func filesAlreadyInPlaceAreNotCountedAsWritten() throws {
        let cluster = try TestCluster(nodes: ["node1"])
        defer { cluster.shutdown() }
        // The node has squid.conf as the commit will have it, as root:root 0644.
        try cluster.root("node1").write("/etc/squid3/squid.conf", Fixture.squidConf)
        #expect(try cluster.commit("first").status == 0)
        var r = try cluster.deploy()
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("node1: deployed, 1 file(s), 1 already in place"), "\(r.stdout)")
        let head = try cluster.confsync(["log", "--oneline", "--limit", "1"]).stdout.prefix(7)
        r = try cluster.deploy()
        #expect(r.stdout.contains("node1: up-to-date (already at \(head))"), "\(r.stdout)")
    }
}

/// A node that refuses the director says why, and the director prints it: not "unreachable".
@Suite(.serialized) struct NodeRefusalTests {
    @Test func aNodeThatDoesNotTrustTheDirectorSaysSo() throws {
        let cluster = try TestCluster(nodes: ["node1", "node2"])
        defer { cluster.shutdown() }
        #expect(try cluster.commit("first").status == 0)
        // node1 trusts another certificate (its own) instead of the director's.
        cluster.stopAgent("node1")
        let own = try #require(cluster.fingerprints["node1"])
        try cluster.startAgent("node1", trust: own)
        let r = try cluster.deploy()
        #expect(r.status == 5, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains(
            "node1: failed — node1 refused this director: its certificate \(cluster.directorFingerprint) is not pinned in node1's trust list (agent.conf 'trust =')"),
            "\(r.stdout)")
        #expect(!r.stdout.contains("node1: unreachable") && r.stdout.contains("node2: deployed"), "\(r.stdout)")
        #expect(r.stderr.contains("node1 failed") && r.stderr.contains("see the lines above"), "\(r.stderr)")
    }

    @Test func aNodeWithAnotherGroupKeySaysSo() throws {
        let cluster = try TestCluster(nodes: ["node1"])
        defer { cluster.shutdown() }
        #expect(try cluster.commit("first").status == 0)
        cluster.stopAgent("node1")
        let key = cluster.root("node1").path + "/etc/confsync/cluster.key"
        try FileManager.default.removeItem(atPath: key)
        _ = try CLI.run(["keygen", "--group-key", key])
        try cluster.startAgent("node1")
        let r = try cluster.deploy()
        #expect(r.status == 5, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("node1: failed — node1 refused this director: its group key proof failed"), "\(r.stdout)")
    }
}

/// The real squid on the node checks the staged squid.conf before anything is replaced.
@Suite(.serialized, .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/sbin/squid"), "needs squid (apt-get install squid)"))
struct NodeVerifyTests {
    @Test func aSquidConfTheNodesSquidRejectsIsNotApplied() throws {
        let body = TestCluster.defaultGroupBody.replacingOccurrences(
            of: "\t\tlogfile", with: "\t\tverify \"/usr/sbin/squid -k parse -f %%\";\n\t\tlogfile")
        let cluster = try TestCluster(nodes: ["node1", "node2"], groupBody: body)
        defer { cluster.shutdown() }
        #expect(try cluster.commit("first").status == 0)
        var r = try cluster.deploy()
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("verify: /usr/sbin/squid -k parse -f %% -> exit 0"), "\(r.stdout)")

        // A TLS port whose certificate no node has: squid on the node refuses to start with it.
        // The director's own checker is switched off for the file ('check ... none'), so that
        // only the node's squid judges it.
        try cluster.director.write("/etc/squid3/squid.conf", Fixture.squidConf + "http_port 3129 tls-cert=/nonexistent.pem\n")
        let cfg = try #require(cluster.director.read("/etc/csync2.cfg"))
        try cluster.director.write("/etc/csync2.cfg", cfg + "confsync\n{\n\tcheck /etc/squid3/squid.conf none;\n}\n")
        #expect(try cluster.commit("a tls port without its certificate").status == 0)
        r = try cluster.deploy()
        #expect(r.status == 5, "\(r.stdout)\(r.stderr)")
        for node in cluster.nodes {
            #expect(r.stdout.contains("\(node): failed"), "\(r.stdout)")
            #expect(cluster.root(node).read("/etc/squid3/squid.conf") == Fixture.squidConf, "\(node) kept its file")
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: cluster.root(node).path + "/etc/squid3")
            #expect(!leftovers.contains { $0.hasPrefix(".confsync-") }, "\(leftovers)")
            #expect(cluster.reloadLog(node).count == 1, "no reload for the refused file")
        }
        #expect(r.stdout.contains("verify '/usr/sbin/squid -k parse -f %%' refused the new /etc/squid3/squid.conf (exit 1); nothing applied"),
                "\(r.stdout)")
        #expect(r.stdout.contains("| ") && r.stdout.contains("nonexistent.pem"), "squid's own words are shown: \(r.stdout)")
        #expect(r.stderr.contains("kept its files: its verify refused the new ones"), "\(r.stderr)")
    }
}

/// The agent's first log line is a sentence with a level, not a Swift value.
@Suite(.serialized) struct AgentLogLineTests {
    @Test func theAgentsFirstLineSaysWhatRecoveryDid() throws {
        let cluster = try TestCluster(nodes: ["node1"])
        defer { cluster.shutdown() }
        cluster.stopAgent("node1")
        let log = cluster.base.path + "/node1.stderr"
        try cluster.startAgent("node1", stderr: log)
        let first = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").first ?? ""
        #expect(first == "confsync agent: info: recovery: no apply was in flight", "\(first)")
    }
}

/// The reads scripts use have --json.
@Suite(.serialized) struct JSONOutputTests {
    @Test func statusAndLogPrintJSON() throws {
        let root = try TempRoot()
        defer { root.remove() }
        try root.write("/etc/csync2.cfg", try String(contentsOfFile: CLI.seedClusterFile, encoding: .utf8))
        try root.write("/etc/squid3/squid.conf", Fixture.squidConf)
        let common = ["--root", root.path]
        #expect(try CLI.run(["init", "--cluster-file", "/etc/csync2.cfg", "--host", "lvs-director1"] + common).status == 0)
        var r = try CLI.run(["status", "--json"] + common)
        #expect(r.status == 0, "\(r.stderr)")
        var json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect((json["changes"] as? [[String: Any]])?.compactMap { $0["path"] as? String } == ["/etc/csync2.cfg", "/etc/squid3/squid.conf"])
        #expect(try CLI.run(["commit", "-m", "first"] + common).status == 0)
        r = try CLI.run(["log", "--json"] + common)
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        json = try #require(entries.first?["commit"] as? [String: Any])
        #expect(json["summary"] as? String == "first" && (json["id"] as? String)?.count == 40)
    }
}
