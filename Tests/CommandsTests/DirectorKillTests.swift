import Foundation
import Testing

/// The director killed (SIGKILL) in the middle of a deploy, for real: a `confsync deploy`
/// child process, one node slow in its action. No record of a commit that reached a node
/// may be lost, and none counted twice.
@Suite(.serialized) struct DirectorKillTests {
    /// node2's action sleeps when `slow` exists in its root, after saying so in `slow-started`.
    static let slowBody = """
        \tinclude /etc/csync2.cfg;
        \tinclude /etc/squid3;
        \taction
        \t{
        \t\tpattern /etc/squid3/squid.conf;
        \t\texec "if [ -e $CONFSYNC_ROOT/slow ]; then touch $CONFSYNC_ROOT/slow-started; sleep 3; fi; echo $CONFSYNC_COMMIT >> $CONFSYNC_ROOT/reload.log";
        \t}
        """

    @Test func directorKilledMidDeployLosesNoRecord() throws {
        let cluster = try TestCluster(groupBody: Self.slowBody)
        defer { cluster.shutdown() }
        #expect(try cluster.commit("first").status == 0)
        #expect(try cluster.deploy().status == 0)

        // A second commit; node2's action will be slow. One node at a time, in the cluster
        // file's order: node1 is done, node2 applied and runs its action, node3 not started.
        try cluster.director.write(
            "/etc/squid3/squid.conf", Fixture.squidConf.replacingOccurrences(of: "3128", with: "3130"))
        #expect(try cluster.commit("second").status == 0)
        let second = try Self.head(cluster)
        try cluster.root("node2").write("/slow", "")
        let director = try Self.startDeploy(root: cluster.director.path, ["--parallel", "1"])
        try Self.waitFor("node2's slow action to start") { cluster.root("node2").read("/slow-started") != nil }
        kill(director.processIdentifier, SIGKILL)
        director.waitUntilExit()
        #expect(director.terminationReason == .uncaughtSignal)

        // Audit shows what the dead deploy did: node1 deployed, node2 and node3 interrupted.
        let killed = try Self.records(cluster, commit: second)
        let deployID = try #require(killed.first?["deployID"] as? String)
        #expect(Self.summary(killed) == ["node1 deployed \(deployID)", "node2 interrupted \(deployID)", "node3 interrupted \(deployID)"])
        let text = try cluster.confsync(["audit", "--node", "node2"])
        #expect(text.stdout.contains("interrupted"), "\(text.stdout)")

        // node2 finishes on its own. The rerun finds node1 and node2 at the commit and
        // deploys node3: node2 is recorded as found there, brought there by the killed deploy.
        try Self.waitFor("node2's action to finish") { cluster.root("node2").read("/reload.log")?.contains(second) == true }
        try Self.waitFor("node2 to be idle") { try cluster.confsync(["status", "--nodes"]).stdout.contains("busy") == false }
        let rerun = try cluster.deploy()
        #expect(rerun.status == 0, "\(rerun.stdout)\(rerun.stderr)")
        #expect(rerun.stdout.contains("node3: deployed"), "\(rerun.stdout)")
        let after = try Self.records(cluster, commit: second)
        let rerunID = try #require(after.compactMap { $0["deployID"] as? String }.first { $0 != deployID })
        #expect(
            Self.summary(after) == [
                "node1 deployed \(deployID)", "node2 found \(deployID) by \(rerunID)", "node3 deployed \(rerunID)",
                "node3 interrupted \(deployID)",
            ])
        // When and by whom, as node2 remembers the deploy that brought it there.
        let found = try #require(after.first { $0["node"] as? String == "node2" })
        #expect(found["user"] as? String == killed.first?["user"] as? String)
        #expect(found["director"] as? String == "director")
        let appliedAt = try #require(found["at"] as? Int)
        let foundAt = try #require(found["foundAt"] as? Int)
        #expect(appliedAt > 0 && appliedAt <= foundAt)
        let node2 = try cluster.confsync(["audit", "--node", "node2"]).stdout
        #expect(node2.contains("found") && node2.contains("brought there by deploy \(deployID), applied"), "\(node2)")

        // Every node reached the commit once in the records; a deploy with nothing to do adds nothing.
        for node in cluster.nodes {
            let arrivals = after.filter {
                $0["node"] as? String == node && ["deployed", "found"].contains($0["status"] as? String ?? "")
            }
            #expect(arrivals.count == 1, "\(node): \(arrivals)")
        }
        let audit = try cluster.confsync(["audit", "--json"]).stdout
        #expect(try cluster.deploy().status == 0)
        #expect(try cluster.confsync(["audit", "--json"]).stdout == audit)
    }

    @Test func standbyDirectorCompletesTheRecordsOfAKilledDeployWithoutCountingTwice() throws {
        let action = """
            \taction
            \t{
            \t\tpattern /etc/squid3/squid.conf;
            \t\texec "if [ -e $CONFSYNC_ROOT/slow ]; then touch $CONFSYNC_ROOT/slow-started; sleep 3; fi; echo $CONFSYNC_COMMIT >> $CONFSYNC_ROOT/reload.log";
            \t}
            """
        let pair = try DirectorPair(groupBody: action)
        defer { pair.shutdown() }
        #expect(try pair.commit("d1", "first").status == 0)
        #expect(try pair.run("d1", ["deploy"]).status == 0)

        // d1's deploy of a second commit (replicated to d2 when committed) is killed while
        // node2's action runs: d2 and node1 are done, node3 not started.
        try pair.setCacheMem("d1", 300)
        #expect(try pair.commit("d1", "second").status == 0)
        let second = try pair.head("d1")
        #expect(try pair.head("d2") == second)
        try pair.root("node2").write("/slow", "")
        let director = try Self.startDeploy(root: pair.root("d1").path, ["--parallel", "1", "--no-replicate"])
        try Self.waitFor("node2's slow action to start") { pair.root("node2").read("/slow-started") != nil }
        kill(director.processIdentifier, SIGKILL)
        director.waitUntilExit()
        try Self.waitFor("node2's action to finish") { pair.root("node2").read("/reload.log")?.contains(second) == true }
        usleep(300_000)

        // d1's host is down; d2 takes over. Its records know nothing of d1's deploy: node1
        // and node2 are found at the commit (as d1's deploy), node3 deployed, d1 unreachable.
        pair.stopAgent("d1")
        let takeover = try pair.run("d2", ["deploy"])
        #expect(takeover.stdout.contains("node3: deployed"), "\(takeover.stdout)")
        let onD2 = try Self.records(audit: pair.run("d2", ["audit", "--json"]), commit: second)
        let killedID = try #require(onD2.first { $0["node"] as? String == "node1" }?["deployID"] as? String)
        let takeoverID = try #require(onD2.first { $0["node"] as? String == "node3" }?["deployID"] as? String)
        #expect(
            Self.summary(onD2) == [
                "d1 unreachable \(takeoverID)", "node1 found \(killedID) by \(takeoverID)", "node2 found \(killedID) by \(takeoverID)",
                "node3 deployed \(takeoverID)",
            ])

        // d1 comes back and replicates: its journal goes into the notes, the records merge.
        // Where both have one of the same deploy and node, d1's own result stands.
        try pair.startAgent("d1")
        let r = try pair.run("d1", ["replicate"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let audit1 = try pair.run("d1", ["audit", "--json"])
        let audit2 = try pair.run("d2", ["audit", "--json"])
        #expect(audit1.stdout == audit2.stdout)
        let merged = try Self.records(audit: audit1, commit: second)
        #expect(
            Self.summary(merged) == [
                "d1 unreachable \(takeoverID)", "d2 deployed \(killedID)", "node1 deployed \(killedID)", "node2 found \(killedID) by \(takeoverID)",
                "node3 deployed \(takeoverID)", "node3 interrupted \(killedID)",
            ])
        #expect(try pair.fsckClean())
    }

    // MARK: - Helpers

    static func head(_ cluster: TestCluster) throws -> String {
        let repo = cluster.director.path + "/var/lib/confsync/repo.git"
        return try CLI.runProgram("/usr/bin/git", ["-C", repo, "rev-parse", "main"]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `confsync deploy` as a child process, its output discarded.
    static func startDeploy(root: String, _ extra: [String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.executable)
        process.arguments = ["deploy", "--root", root] + extra
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
        try process.run()
        return process
    }

    static func waitFor(_ what: String, seconds: Double = 20, _ condition: () throws -> Bool) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while try !condition() {
            guard Date() < deadline else { throw ClusterError("timed out waiting for \(what)") }
            usleep(20_000)
        }
    }

    /// The deploy records of `commit`, from `audit --json`.
    static func records(_ cluster: TestCluster, commit: String) throws -> [[String: Any]] {
        try records(audit: cluster.confsync(["audit", "--json"]), commit: commit)
    }

    static func records(audit r: CLI.Result, commit: String) throws -> [[String: Any]] {
        #expect(r.status == 0, "\(r.stderr)")
        return try r.stdout.split(separator: "\n").compactMap {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }.filter { $0["type"] as? String == "deploy" && $0["toCommit"] as? String == commit }
    }

    /// "node status deployID[ by foundBy]", sorted.
    static func summary(_ records: [[String: Any]]) -> [String] {
        records.map { r in
            let by = (r["foundBy"] as? String).map { " by \($0)" } ?? ""
            return "\(r["node"] as? String ?? "?") \(r["status"] as? String ?? "?") \(r["deployID"] as? String ?? "?")\(by)"
        }.sorted()
    }
}
