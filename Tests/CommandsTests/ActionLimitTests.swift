import Foundation
import Testing

/// Limits on actions, with real hung and killed processes on real agents.
@Suite("Action limits", .serialized)
struct ActionLimitTests {
    /// An action whose command hangs (after noting that it started) unless `/etc/squid3/ok` exists.
    static func hangingAction(timeout: String?) -> String {
        """
        \tinclude /etc/csync2.cfg;
        \tinclude /etc/squid3;
        \taction
        \t{
        \t\tpattern /etc/squid3/squid.conf;
        \t\texec "echo run >> $CONFSYNC_ROOT/var/log/runs.log; test -e $CONFSYNC_ROOT/etc/squid3/ok || sleep 600";
        \t\tlogfile "/var/log/confsync_action.log";
        \(timeout.map { "\t\ttimeout \($0);\n" } ?? "")\t}
        """
    }

    static func timed(_ body: () throws -> CLI.Result) rethrows -> (CLI.Result, seconds: Double) {
        let start = Date()
        let result = try body()
        return (result, Date().timeIntervalSince(start))
    }

    @Test("a hung action with 'timeout 1' in the cluster file is killed after a second and the deploy exits 5")
    func clusterFileTimeout() throws {
        let cluster = try TestCluster(nodes: ["node1"], groupBody: Self.hangingAction(timeout: "1"))
        defer { cluster.shutdown() }
        #expect(try cluster.commit("hanging reload").status == 0)
        let (deploy, seconds) = try Self.timed { try cluster.deploy() }
        #expect(deploy.status == 5, "\(deploy.stdout)\(deploy.stderr)")
        #expect(deploy.stdout.contains("timed out"), "\(deploy.stdout)")
        #expect(deploy.stdout.contains("exit 137"), "\(deploy.stdout)")
        #expect(deploy.stderr.contains("an action failed on node1: it stays pending"), "\(deploy.stderr)")
        #expect(seconds < 20, "took \(seconds) s")
        #expect(cluster.root("node1").read("/etc/squid3/squid.conf") == Fixture.squidConf)
    }

    @Test("without a timeout in the cluster file, the agent's --action-timeout applies")
    func agentTimeout() throws {
        let cluster = try TestCluster(nodes: ["node1"], groupBody: Self.hangingAction(timeout: nil))
        defer { cluster.shutdown() }
        cluster.stopAgent("node1")
        try cluster.startAgent("node1", extra: ["--action-timeout", "1s"])
        #expect(try cluster.commit("hanging reload").status == 0)
        let (deploy, seconds) = try Self.timed { try cluster.deploy() }
        #expect(deploy.status == 5, "\(deploy.stdout)\(deploy.stderr)")
        #expect(deploy.stdout.contains("timed out"), "\(deploy.stdout)")
        #expect(seconds < 20, "took \(seconds) s")
    }

    static func runs(_ cluster: TestCluster) -> Int {
        (cluster.root("node1").read("/var/log/runs.log") ?? "").split(separator: "\n").count
    }

    @Test("a timed-out action stays pending: each deploy runs it again, with nothing to change, until it succeeds")
    func retriedUntilItSucceeds() throws {
        let cluster = try TestCluster(nodes: ["node1"], groupBody: Self.hangingAction(timeout: "1"))
        defer { cluster.shutdown() }
        #expect(try cluster.commit("hanging reload").status == 0)
        var deploy = try cluster.deploy()
        #expect(deploy.status == 5, "\(deploy.stdout)\(deploy.stderr)")
        #expect(Self.runs(cluster) == 1)

        // Before, this deploy found the node at the commit and exited 0 without the reload.
        deploy = try cluster.deploy()
        #expect(deploy.status == 5, "\(deploy.stdout)\(deploy.stderr)")
        #expect(deploy.stdout.contains("pending 'echo run"), "\(deploy.stdout)")
        #expect(Self.runs(cluster) == 2)
        let status = try cluster.confsync(["status", "--nodes"])
        #expect(status.stdout.contains("node1: pending action 'echo run"), "\(status.stdout)")
        #expect(status.stdout.contains("exit 137"), "\(status.stdout)")

        // The service recovers: the next deploy's retry succeeds, and the one after has nothing to do.
        try cluster.root("node1").write("/etc/squid3/ok", "")
        deploy = try cluster.deploy()
        #expect(deploy.status == 0, "\(deploy.stdout)\(deploy.stderr)")
        #expect(Self.runs(cluster) == 3)
        deploy = try cluster.deploy()
        #expect(deploy.status == 0, "\(deploy.stdout)\(deploy.stderr)")
        #expect(deploy.stdout.contains("up-to-date"), "\(deploy.stdout)")
        #expect(Self.runs(cluster) == 3)
        #expect(!(try cluster.confsync(["status", "--nodes"]).stdout.contains("pending")))
    }

    @Test("--drop-pending forgets a failed action without running it; --dry-run shows it first")
    func dropped() throws {
        let cluster = try TestCluster(nodes: ["node1"], groupBody: Self.hangingAction(timeout: "1"))
        defer { cluster.shutdown() }
        #expect(try cluster.commit("hanging reload").status == 0)
        #expect(try cluster.deploy().status == 5)
        var deploy = try cluster.deploy(["--dry-run"])
        #expect(deploy.status == 0, "\(deploy.stdout)\(deploy.stderr)")
        #expect(deploy.stdout.contains("pending: echo run"), "\(deploy.stdout)")
        #expect(deploy.stdout.contains("runs again"), "\(deploy.stdout)")
        deploy = try cluster.deploy(["--drop-pending"])
        #expect(deploy.status == 0, "\(deploy.stdout)\(deploy.stderr)")
        #expect(Self.runs(cluster) == 1)
        deploy = try cluster.deploy()
        #expect(deploy.status == 0 && deploy.stdout.contains("up-to-date"), "\(deploy.stdout)\(deploy.stderr)")
        #expect(Self.runs(cluster) == 1)
    }

    /// An action that notes its start and end (shell pid, time in ms); its first run sleeps 5 s
    /// in between, later runs do not.
    static let slowAction = """
        \tinclude /etc/csync2.cfg;
        \tinclude /etc/squid3;
        \taction
        \t{
        \t\tpattern /etc/squid3/squid.conf;
        \t\texec "L=$CONFSYNC_ROOT/var/log/runs.log; n=$(cat $L 2>/dev/null | wc -l); echo start $$ $(date +%s%3N) >> $L; test $n -gt 0 || sleep 5; echo end $$ $(date +%s%3N) >> $L";
        \t\tlogfile "/var/log/confsync_action.log";
        \t\ttimeout 20;
        \t}
        """

    /// The lines of the slow action's log: (start or end, shell pid, milliseconds).
    static func runLines(_ cluster: TestCluster) -> [(event: String, pid: pid_t, millis: Int)] {
        (cluster.root("node1").read("/var/log/runs.log") ?? "").split(separator: "\n").compactMap { line in
            let words = line.split(separator: " ")
            guard words.count == 3, let pid = pid_t(words[1]), let millis = Int(words[2]) else { return nil }
            return (String(words[0]), pid, millis)
        }
    }

    /// Starts a deploy in the background; returns once the node's action has started.
    static func deployUntilTheActionRuns(_ cluster: TestCluster) throws -> (pid: pid_t, millis: Int) {
        Thread { _ = try? cluster.deploy() }.start()
        let deadline = Date().addingTimeInterval(20)
        while runLines(cluster).isEmpty && Date() < deadline { usleep(20_000) }
        guard let first = runLines(cluster).first else { throw ClusterError("the action did not start") }
        return (first.pid, first.millis)
    }

    /// Processes of group `group` that are not zombies (a killed action's shell may stay a
    /// zombie when nothing reaps orphans here).
    static func liveMembers(of group: pid_t) -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.filter { Int($0) != nil }.compactMap { pid in
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { return nil }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.count > 2, fields[0] != "Z", pid_t(fields[2]) == group else { return nil }
            return pid
        }
    }

    static func millisNow() -> Int { Int(Date().timeIntervalSince1970 * 1000) }

    @Test("an action left running by a SIGKILLed agent is killed when the agent starts again, before its re-run")
    func killedAgentsActionDoesNotOverlap() throws {
        let cluster = try TestCluster(nodes: ["node1"], groupBody: Self.slowAction)
        defer { cluster.shutdown() }
        #expect(try cluster.commit("slow reload").status == 0)
        let first = try Self.deployUntilTheActionRuns(cluster)
        cluster.stopAgent("node1", signal: SIGKILL)
        // The restarted agent finishes the deploy (the action runs again) before it listens.
        try cluster.startAgent("node1")
        let lines = Self.runLines(cluster)
        let rerun = try #require(lines.dropFirst().first)
        try #require(rerun.millis < first.millis + 5000, "the agent restarted too slowly to tell")
        // Before, the first run slept on and ended while (or after) its re-run ran.
        #expect(Self.liveMembers(of: first.pid).isEmpty, "the first run's group still runs")
        while Self.millisNow() < first.millis + 5500 { usleep(50_000) }
        let events = Self.runLines(cluster).map { "\($0.event) \($0.pid == first.pid ? "first" : "rerun")" }
        #expect(events == ["start first", "start rerun", "end rerun"])
        #expect(try cluster.deploy().status == 0)
    }

    @Test("SIGTERM to the agent kills the action it runs")
    func stoppedAgentsActionDies() throws {
        let cluster = try TestCluster(nodes: ["node1"], groupBody: Self.slowAction)
        defer { cluster.shutdown() }
        #expect(try cluster.commit("slow reload").status == 0)
        let first = try Self.deployUntilTheActionRuns(cluster)
        cluster.stopAgent("node1", signal: SIGTERM)
        let deadline = Date().addingTimeInterval(2)
        while !Self.liveMembers(of: first.pid).isEmpty && Date() < deadline { usleep(20_000) }
        #expect(Self.liveMembers(of: first.pid).isEmpty, "the action's process group \(first.pid) still runs")
        while Self.millisNow() < first.millis + 5500 { usleep(50_000) }
        #expect(Self.runLines(cluster).map(\.event) == ["start"])
    }
}
