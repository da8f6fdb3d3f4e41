import Foundation
import Testing

/// Every director command the command line sends the service runs in the service's process
/// (`ServedCommands`), with the output and exit status it has in the caller's own: the
/// service runs here on its own (`Serve(alone:)`), with no `confsync` beside it, so a command
/// it ran as a child would fail; what it printed to its own standard output instead of to
/// the caller shows in `serve.out`.
@Suite(.serialized) struct InProcessServiceTests {
    typealias Serve = ServiceTests.Serve

    static let second = Fixture.squidConf + "# second\n"

    /// A director with two commits, both deployed to node1; the service alone.
    static func cluster() throws -> TestCluster {
        let cluster = try TestCluster(nodes: ["node1"])
        #expect(try cluster.commit("first").status == 0)
        #expect(try cluster.deploy().status == 0)
        try cluster.director.write("/etc/squid3/squid.conf", second)
        #expect(try cluster.commit("second").status == 0)
        #expect(try cluster.deploy().status == 0)
        return cluster
    }

    /// `arguments` as the command line runs them, through the service (`here`: false) or in
    /// this process; `color`: on a terminal that shows colour; from `directory`.
    static func confsync(
        _ cluster: TestCluster, _ arguments: [String], here: Bool, color: Bool, directory: String?
    ) throws -> CLI.Result {
        let command = arguments + ["--root", cluster.director.path] + (here ? ["--no-service"] : [])
        guard color else { return try CLI.runProgram(CLI.executable, command, directory: directory) }
        return try CLI.runProgram(
            "/usr/bin/env", ["-u", "NO_COLOR", "CONFSYNC_COLOR=always", CLI.executable] + command, directory: directory)
    }

    /// The same standard output, standard error and exit status through the service and in
    /// this process; the result through the service.
    @discardableResult
    static func bothWays(
        _ cluster: TestCluster, _ arguments: [String], color: Bool = false, directory: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> CLI.Result {
        let there = try confsync(cluster, arguments, here: false, color: color, directory: directory)
        let here = try confsync(cluster, arguments, here: true, color: color, directory: directory)
        #expect(there.status == here.status, "\(arguments): \(there.stderr) / \(here.stderr)", sourceLocation: sourceLocation)
        #expect(there.stdout == here.stdout, "\(arguments): \(there.stdout) / \(here.stdout)", sourceLocation: sourceLocation)
        #expect(there.stderr == here.stderr, "\(arguments): \(there.stderr) / \(here.stderr)", sourceLocation: sourceLocation)
        return there
    }

    static func serveOut(_ cluster: TestCluster) -> String {
        (try? String(contentsOfFile: cluster.base.path + "/serve.out", encoding: .utf8)) ?? "(no serve.out)"
    }

    @Test func theReadsRunInTheServiceProcessWithTheCallersOutput() throws {
        let cluster = try Self.cluster()
        defer { cluster.shutdown() }
        try cluster.director.write("/etc/squid3/squid.conf", Self.second + "# not committed\n")
        let serve = try Serve(cluster, alone: true)
        defer { serve.stop() }

        // What the service would run as a child fails here: the check below can fail.
        let child = try cluster.confsync(["log", "-n", "many"])
        #expect(child.status == 1 && child.stderr.contains("cannot start"), "\(child.stdout)\(child.stderr)")

        let reads = [
            ["log"], ["log", "--oneline"], ["log", "-n", "1", "/etc/squid3/squid.conf"], ["log", "--json"],
            ["show"], ["show", "HEAD~1"], ["show", "--json"], ["diff"], ["diff", "HEAD~1", "HEAD"],
            ["blame", "/etc/squid3/squid.conf"], ["blame", "/etc/squid3/squid.conf", "--rev", "HEAD~1"],
            ["audit"], ["audit", "--json"], ["audit", "--node", "node1"], ["status"], ["status", "--json"],
        ]
        for read in reads {
            let r = try Self.bothWays(cluster, read)
            #expect(r.status == 0 && !r.stdout.isEmpty, "\(read): \(r.stdout)\(r.stderr)")
        }
        #expect(try Self.bothWays(cluster, ["diff"]).stdout.contains("+# not committed"))
        #expect(try Self.bothWays(cluster, ["show"]).stdout.contains("+# second"))

        // Colour as the caller's terminal shows it, not as the service's standard output would.
        for read in [["log"], ["log", "--oneline"], ["show"], ["diff"], ["blame", "/etc/squid3/squid.conf"]] {
            let r = try Self.bothWays(cluster, read, color: true)
            #expect(r.stdout.contains("\u{1B}[33m") || r.stdout.contains("\u{1B}[32m"), "\(read) in colour: \(r.stdout)")
        }

        // Relative paths from the caller's working directory, not the service's.
        for read in [["blame", "etc/squid3/squid.conf"], ["log", "etc/squid3/squid.conf"], ["audit", "--path", "etc/squid3/squid.conf"]] {
            let r = try Self.bothWays(cluster, read, directory: cluster.director.path)
            #expect(r.status == 0 && r.stdout.contains("second"), "\(read): \(r.stdout)\(r.stderr)")
        }

        // Failures: the same message and exit status.
        let failures: [([String], Int32)] = [
            (["show", "no-such-revision"], 1), (["show", "HEAD~9"], 1), (["diff", "no-such-revision"], 1),
            (["blame", "/etc/squid3/missing.conf"], 1), (["log", "-n", "1", "--oneline", "/etc/squid3/missing.conf"], 0),
            (["audit", "--since", "someday"], 64),
        ]
        for (arguments, status) in failures {
            let r = try Self.bothWays(cluster, arguments)
            #expect(r.status == status, "\(arguments): \(r.stdout)\(r.stderr)")
            if status != 0 { #expect(!r.stderr.isEmpty, "\(arguments) says why") }
        }

        #expect(Self.serveOut(cluster).isEmpty, "printed to the service's own output: \(Self.serveOut(cluster))")
        let serveLog = WarmServiceTests.serveLog(cluster)
        #expect(serveLog.contains("show for root (uid 0): exit 1"), "\(serveLog)")
        #expect(serveLog.contains("audit for root (uid 0): exit 64"), "\(serveLog)")
        #expect(!serveLog.contains("confsync: error:"), "a command's error went to the service's journal: \(serveLog)")
    }

    @Test func theChangesRunInTheServiceProcessWithTheCallersOutput() throws {
        let cluster = try Self.cluster()
        defer { cluster.shutdown() }
        let serve = try Serve(cluster, alone: true)
        defer { serve.stop() }

        // Refusals and nothing to do: the same message and exit status both ways.
        let refusals: [([String], Int32)] = [
            (["rollback", "HEAD"], 3), (["revert", "no-such-revision"], 1), (["rollback", "no-such-revision"], 1),
            // The first commit's squid.conf changed since: revert does not apply.
            (["revert", "HEAD~1"], 4),
            (["adopt", "node1", "/etc/squid3/squid.conf"], 4), (["adopt", "node1", "/etc/squid3/missing.conf"], 4),
            (["revert", "HEAD", "--author", "nobody"], 64),
        ]
        for (arguments, status) in refusals {
            let r = try Self.bothWays(cluster, arguments)
            #expect(r.status == status, "\(arguments): \(r.stdout)\(r.stderr)")
        }
        try cluster.director.write("/etc/squid3/squid.conf", Self.second + "# by hand\n")
        let edited = try Self.bothWays(cluster, ["rollback", "HEAD~1", "--apply"])
        #expect(edited.status == 4 && edited.stderr.contains("uncommitted"), "\(edited.stderr)")
        try cluster.director.write("/etc/squid3/squid.conf", Self.second)

        let revert = try cluster.confsync(["revert", "HEAD", "--apply"])
        #expect(revert.status == 0 && revert.stdout.hasPrefix("[main "), "\(revert.stdout)\(revert.stderr)")
        #expect(revert.stdout.contains("Applied to the live files: 1 file(s)"), "\(revert.stdout)")
        #expect(cluster.director.read("/etc/squid3/squid.conf") == Fixture.squidConf)
        let rollback = try cluster.confsync(["rollback", "HEAD~1", "--apply"])
        #expect(rollback.status == 0 && rollback.stdout.contains("Applied to the live files: 1 file(s)"), "\(rollback.stdout)\(rollback.stderr)")
        #expect(cluster.director.read("/etc/squid3/squid.conf") == Self.second)

        try cluster.root("node1").write("/etc/squid3/squid.conf", Self.second + "# on the node\n")
        let adopt = try cluster.confsync(["adopt", "node1", "/etc/squid3/squid.conf"])
        #expect(adopt.status == 0 && adopt.stdout.contains("Adopted into"), "\(adopt.stdout)\(adopt.stderr)")
        #expect(cluster.director.read("/etc/squid3/squid.conf") == Self.second + "# on the node\n")
        let log = try cluster.confsync(["log", "--oneline", "-n", "3", "--no-service"])
        #expect(log.stdout.split(separator: "\n").count == 3, "\(log.stdout)")
        // What the service keeps stays true after them: a sync finds the live files committed
        // and brings node1 to the adopted commit.
        let sync = try cluster.confsync(["sync", "-m", "after the adopt"])
        #expect(sync.status == 0 && sync.stdout.contains("nothing to commit"), "\(sync.stdout)\(sync.stderr)")
        #expect(sync.stdout.contains("1/1 node(s) at"), "\(sync.stdout)")
        #expect(try cluster.confsync(["status", "--no-service"]).stdout.contains("Live files match the last commit."))

        #expect(Self.serveOut(cluster).isEmpty, "printed to the service's own output: \(Self.serveOut(cluster))")
        let serveLog = WarmServiceTests.serveLog(cluster)
        for command in ["revert", "rollback", "adopt"] {
            #expect(serveLog.contains("\(command) for root (uid 0): exit 0"), "\(command): \(serveLog)")
        }
        #expect(serveLog.contains("revert for root (uid 0): exit 4"), "\(serveLog)")
    }
}
