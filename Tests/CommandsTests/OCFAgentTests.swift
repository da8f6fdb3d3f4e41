import Foundation
import Testing

/// The OCF resource agent (`templates/ocf/confsync-director`) as Pacemaker runs it: the real
/// script under /bin/sh, its parameters as OCF_RESKEY_* variables, without ocf-shellfuncs,
/// starting and stopping a real `confsync serve` for a director under a temporary root. The
/// copy run is the one `confsync init` laid down.
@Suite(.serialized)
struct OCFAgentTests {
    /// The agent for `cluster`'s director: its pidfile and log beside the roots.
    struct Agent {
        let cluster: TestCluster
        var parameters: [String: String]

        init(_ cluster: TestCluster) {
            self.cluster = cluster
            parameters = [
                "binary": CLI.executable, "root": cluster.director.path,
                "pidfile": cluster.base.path + "/ocf/director.pid", "logfile": cluster.base.path + "/ocf/director.log",
            ]
        }

        static var template: String { CLI.packageRoot + "/templates/ocf/confsync-director" }
        /// The copy `confsync init` laid down under the director's root, as Pacemaker finds it.
        var script: String { cluster.director.path + "/usr/lib/ocf/resource.d/confsync/confsync-director" }

        var pidfile: String { parameters["pidfile"] ?? "" }
        var socket: String { cluster.director.path + "/run/confsync/director.sock" }

        /// Runs one action; `timeout` is Pacemaker's OCF_RESKEY_CRM_meta_timeout (ms).
        @discardableResult
        func run(_ action: String?, timeout: Int? = nil) throws -> CLI.Result {
            // No ocf-shellfuncs: the agent must define what it needs itself.
            var environment = ["OCF_ROOT": cluster.base.path + "/no-ocf-root"]
            for (key, value) in parameters { environment["OCF_RESKEY_" + key] = value }
            if let timeout { environment["OCF_RESKEY_CRM_meta_timeout"] = String(timeout) }
            return try CLI.runProgram("/bin/sh", [script] + (action.map { [$0] } ?? []), environment: environment)
        }

        /// The pid the agent recorded, or nil.
        var recordedPID: Int32? {
            FileManager.default.contents(atPath: pidfile).flatMap {
                Int32(String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
            }
        }

        /// Starts the service as Pacemaker would, expecting it up: the pid the agent recorded.
        func start() throws -> Int32 {
            let start = try run("start")
            #expect(start.status == 0, "\(start.stderr)\n\(log)")
            return try #require(recordedPID, "the pidfile: \(start.stderr)")
        }

        var log: String { (try? String(contentsOfFile: parameters["logfile"] ?? "", encoding: .utf8)) ?? "" }
    }

    /// Whether `pid` has ended (a zombie not yet reaped counts as ended).
    static func gone(_ pid: Int32) -> Bool {
        if kill(pid, 0) != 0 { return true }
        let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
        return status.split(separator: "\n").contains { $0.hasPrefix("State:") && $0.contains("Z") }
    }

    static func waitUntilGone(_ pid: Int32, seconds: Double = 10) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while !gone(pid) && Date() < deadline { usleep(10_000) }
        return gone(pid)
    }

    @Test func metaDataIsXMLThatListsTheParametersAndActions() throws {
        let cluster = try TestCluster(nodes: ["node1"])
        defer { cluster.shutdown() }
        let agent = Agent(cluster)
        let laid = try FileManager.default.attributesOfItem(atPath: agent.script)
        #expect((laid[.posixPermissions] as? Int) == 0o755, "init lays the agent down executable")
        #expect(FileManager.default.contents(atPath: agent.script) == FileManager.default.contents(atPath: Agent.template))
        let metaData = try agent.run("meta-data")
        #expect(metaData.status == 0, "\(metaData.stderr)")
        let parse = """
            import sys, xml.etree.ElementTree as ET
            top = ET.fromstring(sys.stdin.read())
            assert top.tag == "resource-agent" and top.get("name") == "confsync-director", top.tag
            print(" ".join(p.get("name") for p in top.iter("parameter")))
            print(" ".join(a.get("name") for a in top.iter("action")))
            """
        let parsed = try CLI.runProgram("/usr/bin/env", ["python3", "-c", parse], stdin: metaData.stdout)
        #expect(parsed.status == 0, "the meta-data is not XML: \(parsed.stderr)")
        let lines = parsed.stdout.split(separator: "\n").map { Set($0.split(separator: " ").map(String.init)) }
        #expect(lines.first == ["binary", "repo", "root", "socket", "web", "pidfile", "logfile", "extra_args"])
        #expect(lines.last == ["start", "stop", "monitor", "meta-data", "validate-all"])

        #expect(try agent.run("promote").status == 3, "an action the agent does not have")
        #expect(try agent.run(nil).status == 2, "no action")
    }

    @Test func validateAllSaysWhatIsMissingOrWrong() throws {
        let cluster = try TestCluster(nodes: ["node1"])
        defer { cluster.shutdown() }
        var agent = Agent(cluster)
        let good = try agent.run("validate-all")
        #expect(good.status == 0, "\(good.stderr)")

        agent.parameters["binary"] = cluster.base.path + "/nowhere/confsync"
        #expect(try agent.run("validate-all").status == 5, "no binary: OCF_ERR_INSTALLED")

        // confsync alone, without confsync-director beside it, cannot serve.
        let alone = cluster.base.path + "/alone/confsync"
        try FileManager.default.createDirectory(atPath: cluster.base.path + "/alone", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: CLI.executable, toPath: alone)
        agent.parameters["binary"] = alone
        let lonely = try agent.run("validate-all")
        #expect(lonely.status == 5 && lonely.stderr.contains("confsync-director"), "\(lonely.stderr)")

        agent.parameters["binary"] = CLI.executable
        agent.parameters["repo"] = cluster.base.path + "/no-repo.git"
        let noRepo = try agent.run("validate-all")
        #expect(noRepo.status == 6 && noRepo.stderr.contains("no-repo.git"), "no repository: OCF_ERR_CONFIGURED: \(noRepo.stderr)")
        #expect(try agent.run("start").status == 6, "start validates first")
        #expect(!FileManager.default.fileExists(atPath: agent.socket))

        agent.parameters["repo"] = nil
        agent.parameters["web"] = "localhost"
        #expect(try agent.run("validate-all").status == 6, "web without a port")
    }

    @Test func startMonitorAndStopAsPacemakerCallsThem() throws {
        let cluster = try TestCluster(nodes: ["node1"])
        defer { cluster.shutdown() }
        #expect(try cluster.commit("first").status == 0)
        let agent = Agent(cluster)
        #expect(try agent.run("monitor").status == 7, "before the start: OCF_NOT_RUNNING")

        let pid = try agent.start()
        defer { if !Self.gone(pid) { kill(pid, SIGKILL) } }
        let commandLine = (try? String(contentsOfFile: "/proc/\(pid)/cmdline", encoding: .utf8)) ?? ""
        #expect(commandLine.contains("confsync-director"), "the pid is the service's own: \(commandLine)")
        #expect(try agent.run("monitor").status == 0)

        // The command line finds the service at the default socket and goes through it.
        let (call, answer) = try ServiceTests.call(cluster, ["status"])
        #expect(call.status == 0 && answer["ok"] as? Bool == true, "\(call.stdout)\(call.stderr)")
        let status = try cluster.confsync(["status"])
        #expect(status.status == 0, "\(status.stderr)")

        let again = try agent.run("start")
        #expect(again.status == 0, "a start of a running service: \(again.stderr)")
        #expect(agent.recordedPID == pid, "and no second service")

        let stop = try agent.run("stop")
        #expect(stop.status == 0, "\(stop.stderr)")
        #expect(Self.gone(pid), "the service ended when stop returned")
        #expect(!FileManager.default.fileExists(atPath: agent.pidfile))
        #expect(!FileManager.default.fileExists(atPath: agent.socket), "a clean stop removes the socket")
        #expect(agent.log.contains("stopped"), "the service's log: \(agent.log)")
        #expect(try agent.run("monitor").status == 7)
        #expect(try agent.run("stop").status == 0, "a stop of a stopped service")
    }

    @Test func aKilledServiceIsNotRunningAndItsPidfileGoes() throws {
        let cluster = try TestCluster(nodes: ["node1"])
        defer { cluster.shutdown() }
        let agent = Agent(cluster)
        let pid = try agent.start()
        defer { if !Self.gone(pid) { kill(pid, SIGKILL) } }
        kill(pid, SIGKILL)
        #expect(Self.waitUntilGone(pid))
        #expect(FileManager.default.fileExists(atPath: agent.pidfile) && FileManager.default.fileExists(atPath: agent.socket),
                "SIGKILL leaves the pidfile and the socket")

        let monitor = try agent.run("monitor")
        #expect(monitor.status == 7, "a dead service is OCF_NOT_RUNNING, not a failure: \(monitor.stderr)")
        #expect(!FileManager.default.fileExists(atPath: agent.pidfile), "the stale pidfile is removed")
        #expect(try agent.run("stop").status == 0)

        // Pacemaker's recovery: a start over the stale socket.
        let second = try agent.start()
        defer { if !Self.gone(second) { kill(second, SIGKILL) } }
        #expect(second != pid)
        #expect(try agent.run("monitor").status == 0)
        #expect(try agent.run("stop").status == 0)
        #expect(Self.gone(second))
    }

    @Test func aServiceThatDoesNotAnswerFailsItsMonitorAndIsKilledAtTheStopsTimeout() throws {
        let cluster = try TestCluster(nodes: ["node1"])
        defer { cluster.shutdown() }
        let agent = Agent(cluster)
        let pid = try agent.start()
        defer { if !Self.gone(pid) { kill(pid, SIGKILL) } }
        // Stopped: it runs, holds its socket, and answers nothing (SIGTERM stays pending).
        kill(pid, SIGSTOP)
        let monitor = try agent.run("monitor", timeout: 2_000)
        #expect(monitor.status == 1, "runs but does not answer: OCF_ERR_GENERIC: \(monitor.stderr)")

        let began = Date()
        let stop = try agent.run("stop", timeout: 8_000)
        let took = Date().timeIntervalSince(began)
        #expect(stop.status == 0, "\(stop.stderr)")
        #expect(stop.stderr.contains("SIGKILL"), "\(stop.stderr)")
        #expect(took >= 1.5 && took < 7, "SIGKILL 5 s before the 8 s timeout, not at once: \(took) s")
        #expect(Self.gone(pid))
        #expect(try agent.run("monitor").status == 7)
    }

    @Test func aServiceStartedOutsidePacemakerIsReportedAndStopped() throws {
        let cluster = try TestCluster(nodes: ["node1"])
        defer { cluster.shutdown() }
        let serve = try ServiceTests.Serve(cluster)
        defer { serve.stop() }
        let agent = Agent(cluster)
        let monitor = try agent.run("monitor")
        #expect(monitor.status == 1, "not stopped, and not the agent's: \(monitor.stderr)")
        #expect(monitor.stderr.contains("pid \(serve.process.processIdentifier)"), "\(monitor.stderr)")
        #expect(try agent.run("start").status == 1, "no second service beside it")
        let stop = try agent.run("stop")
        #expect(stop.status == 0, "\(stop.stderr)")
        #expect(Self.gone(serve.process.processIdentifier))
        #expect(try agent.run("monitor").status == 7)
    }
}
