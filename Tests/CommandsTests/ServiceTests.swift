import Foundation
import Service
import Testing

/// `confsync serve` as a running process with a real agent: admins who are not root commit
/// and sync through its socket when their group allows it, and are refused otherwise; the
/// schedule syncs on its own.
@Suite(.serialized) struct ServiceTests {
    /// A running `confsync serve` for `cluster`'s director; stopped by `stop()`.
    final class Serve {
        let process = Process()
        let socket: String

        /// `alone`: the service's binary on its own, with no `confsync` beside it to run a
        /// command as a child (which then fails: "cannot start"), its standard output kept in
        /// `serve.out` (what a command run in its process printed there, not to its caller).
        init(_ cluster: TestCluster, group: String = "confsync", alone: Bool = false) throws {
            socket = cluster.director.path + "/run/confsync/director.sock"
            let options = ["--root", cluster.director.path, "--group", group]
            if alone {
                let built = (CLI.executable as NSString).deletingLastPathComponent + "/confsync-director"
                let lonely = cluster.base.path + "/bin/confsync-director"
                try FileManager.default.createDirectory(atPath: cluster.base.path + "/bin", withIntermediateDirectories: true)
                do {
                    try FileManager.default.linkItem(atPath: built, toPath: lonely)
                } catch {
                    try FileManager.default.copyItem(atPath: built, toPath: lonely)
                }
                process.executableURL = URL(fileURLWithPath: lonely)
                process.arguments = options
            } else {
                process.executableURL = URL(fileURLWithPath: CLI.executable)
                process.arguments = ["serve"] + options
            }
            let out = cluster.base.path + "/serve.out"
            let log = cluster.base.path + "/serve.log"
            _ = FileManager.default.createFile(atPath: out, contents: nil)
            _ = FileManager.default.createFile(atPath: log, contents: nil)
            process.standardOutput = FileHandle(forWritingAtPath: out)
            process.standardError = FileHandle(forWritingAtPath: log)
            try process.run()
            for _ in 0..<200 where !FileManager.default.fileExists(atPath: socket) { usleep(20_000) }
            guard FileManager.default.fileExists(atPath: socket) else { throw ClusterError("serve did not listen") }
        }

        func stop() {
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
        }
    }

    static func call(_ cluster: TestCluster, _ arguments: [String], as user: String? = nil) throws -> (CLI.Result, [String: Any]) {
        let command = ["call"] + arguments + ["--root", cluster.director.path]
        let r: CLI.Result
        if let user {
            r = try CLI.runProgram("/usr/bin/setpriv", ["--reuid=\(user)", "--regid=nogroup", "--init-groups", CLI.executable] + command)
        } else {
            r = try CLI.run(command)
        }
        let json = (try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]) ?? [:]
        return (r, json)
    }

    /// The plain command line as `user` (nil: as root, the test's own user).
    static func confsync(_ cluster: TestCluster, _ arguments: [String], as user: String) throws -> CLI.Result {
        try CLI.runProgram(
            "/usr/bin/setpriv",
            ["--reuid=\(user)", "--regid=nogroup", "--init-groups", CLI.executable] + arguments + ["--root", cluster.director.path])
    }

    @Test func theCommandsGoThroughTheServiceWithTheirOutputAndExitStatus() throws {
        let cluster = try TestCluster(nodes: ["node1", "node2"])
        defer { cluster.shutdown() }
        #expect(try cluster.commit("first").status == 0)
        #expect(try cluster.deploy().status == 0)
        let serve = try Serve(cluster)
        defer { serve.stop() }

        // The same output and exit status through the service and in this process.
        func bothWays(_ arguments: [String]) throws -> CLI.Result {
            let there = try cluster.confsync(arguments)
            let here = try cluster.confsync(arguments + ["--no-service"])
            #expect(there.status == here.status, "\(arguments): \(there.stderr) / \(here.stderr)")
            #expect(there.stdout == here.stdout, "\(arguments)")
            #expect(there.stderr == here.stderr, "\(arguments)")
            return there
        }
        #expect(try bothWays(["commit", "-m", "nothing"]).status == 3)
        try cluster.director.write("/etc/squid3/squid.conf", Fixture.squidConf + "http_port 3128x\n")
        let invalid = try bothWays(["commit", "-m", "a typo"])
        #expect(invalid.status == 2 && invalid.stderr.contains("squid.conf:"), "\(invalid.stderr)")
        #expect(try bothWays(["status"]).status == 0)
        #expect(try bothWays(["diff"]).stdout.contains("+http_port 3128x"))

        try cluster.director.write("/etc/squid3/squid.conf", Fixture.squidConf + "# through the service\n")
        let sync = try cluster.confsync(["sync", "-m", "through the service"])
        #expect(sync.status == 0, "\(sync.stdout)\(sync.stderr)")
        #expect(sync.stdout.contains("node1: deployed") && sync.stdout.contains("2/2 node(s) at"), "\(sync.stdout)")
        #expect(cluster.root("node2").read("/etc/squid3/squid.conf") == Fixture.squidConf + "# through the service\n")
        for read in [["log"], ["show", "HEAD"], ["blame", "/etc/squid3/squid.conf"], ["audit"], ["status", "--nodes"], ["drift"], ["drift", "--json"]] {
            #expect(try bothWays(read).status == 0, "\(read)")
        }
        let revert = try cluster.confsync(["revert", "HEAD"])
        #expect(revert.status == 0 && revert.stdout.hasPrefix("[main "), "\(revert.stdout)\(revert.stderr)")
        let deploy = try cluster.confsync(["deploy"])
        #expect(deploy.status == 0 && deploy.stdout.contains("2/2 node(s) at"), "\(deploy.stdout)\(deploy.stderr)")

        let serveLog = (try? String(contentsOfFile: cluster.base.path + "/serve.log", encoding: .utf8)) ?? ""
        #expect(serveLog.contains("sync for root (uid 0): exit 0"), "the sync went through the service: \(serveLog)")
        #expect(serveLog.contains("commit for root (uid 0): exit 2"), "\(serveLog)")
    }

    @Test func aMalformedRequestGetsAnErrorAndTheServiceGoesOn() throws {
        let cluster = try TestCluster(nodes: ["node1"])
        defer { cluster.shutdown() }
        let serve = try Serve(cluster)
        defer { serve.stop() }
        let client = ServiceClient(socketPath: serve.socket)
        for line in ["hello", #"{"version":1,"op":"fly"}"#, #"{"version":9,"op":"ping"}"#,
                     #"{"version":1,"op":"run","arguments":["init"]}"#,
                     #"{"version":1,"op":"run","arguments":["sync","-m","x","--root","/"]}"#] {
            let answer = try client.send(line: line)
            #expect(answer.contains(#""ok":false"#) && answer.contains("badRequest"), "\(line): \(answer)")
        }
        #expect(try client.send(ServiceRequest(op: .ping)).contains(#""ok":true"#))
        let serveLog = (try? String(contentsOfFile: cluster.base.path + "/serve.log", encoding: .utf8)) ?? ""
        #expect(serveLog.contains("bad request from uid 0"), "\(serveLog)")
    }

    @Test func rootCommitsAndSyncsThroughTheSocket() throws {
        let cluster = try TestCluster(nodes: ["node1"])
        defer { cluster.shutdown() }
        let serve = try Serve(cluster)
        defer { serve.stop() }

        var (r, json) = try Self.call(cluster, ["status"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let changes = ((json["result"] as? [String: Any])?["changes"] as? [[String: Any]])?.compactMap { $0["path"] as? String }
        #expect(changes == ["/etc/csync2.cfg", "/etc/squid3/squid.conf"], "\(r.stdout)")

        (r, json) = try Self.call(cluster, ["sync", "-m", "first, through the service"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let result = json["result"] as? [String: Any]
        #expect((result?["commit"] as? [String: Any])?["outcome"] as? String == "committed", "\(r.stdout)")
        #expect((result?["deploy"] as? [String: Any])?["succeeded"] as? Bool == true, "\(r.stdout)")
        #expect(cluster.root("node1").read("/etc/squid3/squid.conf") == Fixture.squidConf)

        (r, _) = try Self.call(cluster, ["ping"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
    }

    @Test(.enabled(if: getuid() == 0, "needs root to make users"))
    func aUserInTheGroupCommitsAndOneOutsideIsRefused() throws {
        let suffix = String(UUID().uuidString.prefix(6)).lowercased()
        let group = "cs-admins-\(suffix)"
        let admin = "cs-admin-\(suffix)"
        let stranger = "cs-other-\(suffix)"
        #expect(try CLI.runProgram("/usr/sbin/groupadd", [group]).status == 0)
        #expect(try CLI.runProgram("/usr/sbin/useradd", ["-M", "-N", "-g", "nogroup", "-G", group, admin]).status == 0)
        #expect(try CLI.runProgram("/usr/sbin/useradd", ["-M", "-N", "-g", "nogroup", stranger]).status == 0)
        defer {
            _ = try? CLI.runProgram("/usr/sbin/userdel", [admin])
            _ = try? CLI.runProgram("/usr/sbin/userdel", [stranger])
            _ = try? CLI.runProgram("/usr/sbin/groupdel", [group])
        }
        let cluster = try TestCluster(nodes: ["node1"])
        defer { cluster.shutdown() }
        // Alone: every command below runs in the service's process (none as a child).
        let serve = try Serve(cluster, group: group, alone: true)
        defer { serve.stop() }

        var (r, json) = try Self.call(cluster, ["commit", "-m", "from the web interface's user"], as: admin)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect((json["result"] as? [String: Any])?["outcome"] as? String == "committed", "\(r.stdout)")
        let log = try cluster.confsync(["log", "-n", "1"])
        #expect(log.stdout.contains("Author: \(admin) <\(admin)@"), "the caller is the author: \(log.stdout)")

        (r, json) = try Self.call(cluster, ["sync", "-m", "again"], as: admin)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let audit = try cluster.confsync(["audit"])
        #expect(audit.stdout.contains(admin), "the audit shows who asked: \(audit.stdout)")

        // The plain command line, not `call`: it goes through the service without the admin knowing.
        try cluster.director.write("/etc/squid3/squid.conf", Fixture.squidConf + "# from the admin\n")
        r = try Self.confsync(cluster, ["sync", "-m", "the admin's edit"], as: admin)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("Deploying") && r.stdout.contains("node(s) at"), "\(r.stdout)")
        #expect(cluster.root("node1").read("/etc/squid3/squid.conf") == Fixture.squidConf + "# from the admin\n")
        r = try Self.confsync(cluster, ["log", "-n", "1"], as: admin)
        #expect(r.stdout.contains("Author: \(admin) <"), "\(r.stdout)\(r.stderr)")
        // A revert in the service's process: the caller is its author, not the service's user.
        r = try Self.confsync(cluster, ["revert", "HEAD"], as: admin)
        #expect(r.status == 0 && r.stdout.hasPrefix("[main "), "\(r.stdout)\(r.stderr)")
        r = try Self.confsync(cluster, ["log", "-n", "1"], as: admin)
        #expect(r.stdout.contains("Author: \(admin) <") && r.stdout.contains("Revert"), "\(r.stdout)\(r.stderr)")
        r = try Self.confsync(cluster, ["commit", "-m", "not allowed"], as: stranger)
        #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains("user \(stranger)") && r.stderr.contains("may not confsync commit"), "\(r.stderr)")

        (r, json) = try Self.call(cluster, ["commit", "-m", "not allowed"], as: stranger)
        #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
        #expect(json["code"] as? String == "forbidden", "\(r.stdout)")
        #expect((json["error"] as? String)?.contains("user \(stranger)") == true, "\(r.stdout)")
        (r, _) = try Self.call(cluster, ["status"], as: stranger)
        #expect(r.status == 1, "reading needs the read group too: \(r.stdout)")
        let serveLog = (try? String(contentsOfFile: cluster.base.path + "/serve.log", encoding: .utf8)) ?? ""
        #expect(serveLog.contains("refused commit for uid"), "\(serveLog)")
    }

    /// Polls `condition` every 100 ms for up to `seconds`.
    static func eventually(_ seconds: Double = 10, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            usleep(100_000)
        }
        return try condition()
    }

    @Test func theScheduleSyncsChecksDriftAndSurvivesABadClusterFile() throws {
        let cluster = try TestCluster(nodes: ["node1"])
        defer { cluster.shutdown() }
        let cfg = try #require(cluster.director.read("/etc/csync2.cfg"))
        let scheduled = cfg.replacingOccurrences(of: "confsync\n{\n", with: "confsync\n{\n\tsync every 1s;\n\tdrift-check every 1s;\n")
        try cluster.director.write("/etc/csync2.cfg", scheduled)
        #expect(try cluster.commit("first").status == 0)
        let serve = try Serve(cluster)
        defer { serve.stop() }

        try cluster.director.write("/etc/squid3/squid.conf", Fixture.squidConf + "# scheduled\n")
        #expect(Self.eventually { cluster.root("node1").read("/etc/squid3/squid.conf") == Fixture.squidConf + "# scheduled\n" },
                "the scheduled sync deployed the edit")
        #expect(try Self.eventually { try cluster.confsync(["status"]).stdout.contains("1/1 node(s) at") })
        let status = try cluster.confsync(["status"])
        #expect(status.stdout.contains("Director service running (pid"), "\(status.stdout)")
        #expect(status.stdout.contains("sync every 1s; last "), "\(status.stdout)")
        let (r, json) = try Self.call(cluster, ["schedule"])
        #expect(json["result"].flatMap { ($0 as? [String: Any])?["syncEverySeconds"] as? Int } == 1, "\(r.stdout)")

        // A hand edit on the node is reported by the drift check, and never overwritten.
        try cluster.root("node1").write("/etc/squid3/squid.conf", Fixture.squidConf + "# by hand\n")
        #expect(try Self.eventually { try cluster.confsync(["status"]).stdout.contains("drift on node1: /etc/squid3/squid.conf") })
        #expect(cluster.root("node1").read("/etc/squid3/squid.conf") == Fixture.squidConf + "# by hand\n")

        // An invalid edit of the cluster file: SIGHUP re-reads it, the last good schedule goes on.
        try cluster.director.write("/etc/csync2.cfg", scheduled.replacingOccurrences(of: "sync every 1s;", with: "sync every soon;"))
        kill(serve.process.processIdentifier, SIGHUP)
        #expect(try Self.eventually { try cluster.confsync(["status"]).stdout.contains("the live cluster file is invalid") })
        #expect(try cluster.confsync(["status"]).stdout.contains("sync every 1s"), "the last good settings run on")
        let serveLog = (try? String(contentsOfFile: cluster.base.path + "/serve.log", encoding: .utf8)) ?? ""
        #expect(serveLog.contains("SIGHUP") && serveLog.contains("keeping the last good schedule"), "\(serveLog)")

        // SIGTERM: the service ends cleanly and takes its socket and record with it.
        serve.process.terminate()
        serve.process.waitUntilExit()
        #expect(serve.process.terminationStatus == 0)
        #expect(!FileManager.default.fileExists(atPath: serve.socket))
        #expect(!(try cluster.confsync(["status"]).stdout.contains("Director service running")))
    }

    @Test func theWatchModeSyncsAfterAQuietPeriodAndLeavesAnInvalidChangeUncommitted() throws {
        let cluster = try TestCluster(nodes: ["node1", "node2"])
        defer { cluster.shutdown() }
        let cfg = try #require(cluster.director.read("/etc/csync2.cfg"))
        try cluster.director.write("/etc/csync2.cfg", cfg.replacingOccurrences(of: "confsync\n{\n", with: "confsync\n{\n\twatch after 300ms;\n"))
        #expect(try cluster.commit("first").status == 0)
        #expect(try cluster.deploy().status == 0)
        let serve = try Serve(cluster)
        defer { serve.stop() }
        #expect(try Self.eventually { try cluster.confsync(["status"]).stdout.contains("watching the managed files") })

        let edited = Fixture.squidConf + "# saved in an editor\n"
        try cluster.director.write("/etc/squid3/squid.conf", edited)
        #expect(Self.eventually { cluster.nodes.allSatisfy { cluster.root($0).read("/etc/squid3/squid.conf") == edited } },
                "a save reaches every node without a command: \(String(decoding: FileManager.default.contents(atPath: cluster.base.path + "/serve.log") ?? Data(), as: UTF8.self))")
        let log = try cluster.confsync(["log", "-n", "1"])
        #expect(log.stdout.contains("Watched change") && log.stdout.contains("confsync schedule"), "\(log.stdout)")

        // A typo is not committed, and not deployed; status says why.
        try cluster.director.write("/etc/squid3/squid.conf", edited + "http_port 3128x\n")
        #expect(try Self.eventually { try cluster.confsync(["status"]).stdout.contains("were not committed") })
        #expect(try cluster.confsync(["log", "-n", "1"]).stdout.contains("Watched change"))
        #expect(cluster.root("node1").read("/etc/squid3/squid.conf") == edited)
    }
}
