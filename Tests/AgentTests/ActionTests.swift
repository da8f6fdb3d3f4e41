import Foundation
import Glibc
import Posix
import Testing

@testable import Agent

@Suite("Actions")
struct ActionTests {
    @Test("%% becomes the changed live paths, quoted when needed, and the deploy is in the environment")
    func substitution() throws {
        let box = try Sandbox()
        let engine = try box.engine()
        let out = box.live("/out")
        let report = try engine.apply(
            Requests.request(
                "d1", from: nil, to: "c1",
                [
                    Requests.put("/etc/squid/a.conf", "a"), Requests.put("/etc/squid/with space", "b"),
                    Requests.put("/etc/other", "c"),
                ],
                actions: [
                    ActionRequest(
                        pattern: "/etc/squid/*",
                        commands: [
                            "printf '%s|' %% > \(out)",
                            "echo \"$CONFSYNC_DEPLOY_ID $CONFSYNC_COMMIT $CONFSYNC_ROLLBACK\" >> \(out)",
                        ],
                        paths: ["/etc/squid/a.conf", "/etc/squid/with space", "/etc/not-changed"])
                ]))
        #expect(report.status == .applied)
        #expect(report.actions.map(\.exitStatus) == [0, 0])
        #expect(box.read("/out") == "\(box.root)/etc/squid/a.conf|\(box.root)/etc/squid/with space|d1 c1 0\n")
    }

    @Test(
        "quoting leaves plain paths alone",
        arguments: [
            ("/etc/a.conf", "/etc/a.conf"), ("/etc/with space", "'/etc/with space'"), ("/etc/it's", "'/etc/it'\\''s'"),
            ("/etc/$HOME", "'/etc/$HOME'"),
        ])
    func quoting(path: String, quoted: String) {
        #expect(ActionRunner.quote(path) == quoted)
    }

    @Test("output is appended to the logfile with a header, and its tail returned")
    func logfile() throws {
        let box = try Sandbox()
        let engine = try box.engine(options: ApplyEngine.Options(outputTailBytes: 8))
        let action = ActionRequest(
            pattern: "/etc/*", commands: ["echo out; echo err >&2; echo 0123456789"],
            logfile: "/var/log/confsync/actions.log", paths: ["/etc/a"])
        _ = try engine.apply(
            Requests.request("d1", from: nil, to: "c1", [Requests.put("/etc/a", "1")], actions: [action]))
        let report = try engine.apply(
            Requests.request("d2", from: "c1", to: "c2", [Requests.put("/etc/a", "2", old: "1")], actions: [action]))
        #expect(report.actions.first?.outputTail == "3456789\n")
        let log = try #require(box.read("/var/log/confsync/actions.log"))
        let lines = log.split(separator: "\n")
        #expect(lines.count == 10)
        #expect(lines[0].hasPrefix("--- ") && lines[0].contains("deploy d1 commit c1"))
        #expect(lines[1...3] == ["out", "err", "0123456789"])
        #expect(lines[4].hasPrefix("--- exit 0 ("))
        #expect(lines[5].contains("deploy d2 commit c2"))
    }

    @Test("a command printing 10 MB adds its first and last 32 KiB to the logfile, and 4 KB to the report")
    func boundedLog() throws {
        let box = try Sandbox()
        let engine = try box.engine()
        let action = ActionRequest(
            pattern: "/etc/*", commands: ["echo first; head -c 10000000 /dev/zero | tr '\\0' x; echo; echo last"],
            logfile: "/var/log/confsync/actions.log", paths: ["/etc/a"])
        let report = try engine.apply(
            Requests.request("d1", from: nil, to: "c1", [Requests.put("/etc/a", "1")], actions: [action]))
        #expect(report.status == .applied)
        let tail = try #require(report.actions.first?.outputTail)
        #expect(tail.utf8.count == 4096 && tail.hasSuffix("x\nlast\n"))
        let size = try #require(box.status("/var/log/confsync/actions.log")?.st_size)
        #expect(size > 65536 && size < 65536 + 1024, "logfile of \(size) bytes")
        guard size < 65536 + 1024 else { return }  // (a failure here would print megabytes)
        let log = try #require(box.read("/var/log/confsync/actions.log"))
        let lines = log.split(separator: "\n").map(String.init)
        #expect(lines[1] == "first")
        let markers = lines.filter { $0.hasPrefix("---") }
        #expect(markers.count == 3 && markers[1] == "--- [\(10_000_000 + 12 - 65536) bytes of output left out]", "\(markers)")
        #expect(lines.suffix(2).first == "last" && lines.last?.hasPrefix("--- exit 0 (") == true)
    }

    @Test(
        "the log window keeps output up to its limit whole, and beyond it the head, a count and the tail",
        arguments: [
            (["abcdefgh"], "abcdefgh"), (["abc", "defgh"], "abcdefgh"), (["abcdefghi"], "abcd\n--- [1 bytes of output left out]\nfghi"),
            (["ab\n", "cdefghijkl"], "ab\nc\n--- [5 bytes of output left out]\nijkl"), ([], ""),
        ])
    func logWindow(chunks: [String], logged: String) {
        var window = LogWindow(limit: 8)
        var out = [UInt8]()
        for chunk in chunks { out += window.take(Array(chunk.utf8)) }
        out += window.finish()
        #expect(String(decoding: out, as: UTF8.self) == logged)
    }

    @Test("a logfile below a symlinked directory is not written through the symlink")
    func logfileBehindSymlink() throws {
        let box = try Sandbox()
        let outside = box.base + "/outside"
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        #expect(symlink(outside, box.live("/logs")) == 0)
        let engine = try box.engine()
        let report = try engine.apply(
            Requests.request(
                "d1", from: nil, to: "c1", [Requests.put("/etc/a", "a")],
                actions: [
                    ActionRequest(pattern: "p", commands: ["echo hi"], logfile: "/logs/actions.log", paths: ["/etc/a"])
                ]))
        let result = try #require(report.actions.first)
        #expect(result.exitStatus == 0)
        #expect(result.outputTail.contains("is a symlink"))
        #expect(result.outputTail.hasSuffix("hi\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside).isEmpty)
    }

    @Test("a failing command makes the apply failed but keeps the new files; later commands still run")
    func failure() throws {
        let box = try Sandbox()
        let engine = try box.engine()
        let report = try engine.apply(
            Requests.request(
                "d1", from: nil, to: "c1", [Requests.put("/etc/a", "a")],
                actions: [
                    ActionRequest(
                        pattern: "p", commands: ["echo broken; exit 3", "touch \(box.root)/second"], paths: ["/etc/a"])
                ]))
        #expect(report.status == .failed)
        #expect(report.actions.map(\.exitStatus) == [3, 0])
        #expect(report.actions.first?.outputTail == "broken\n")
        #expect(report.message.contains("exited with 3"))
        #expect(box.read("/etc/a") == "a")
        #expect(box.exists("/second"))
        #expect(try engine.state().commit == "c1")
        #expect(try engine.state().lastDeploy?.status == .failed)
        let pending = try engine.pendingActions()
        #expect(pending.map(\.command) == ["echo broken; exit 3"])
        #expect(pending.map(\.exitStatus) == [3] && pending.map(\.deployID) == ["d1"])
        #expect(box.stateLeftovers() == [PendingFile.name])
    }

    @Test("with rollbackOnFailure, old files and state come back and what ran runs again")
    func rollback() throws {
        let box = try Sandbox()
        let engine = try box.engine()
        _ = try engine.apply(
            Requests.request("d1", from: nil, to: "c1", [Requests.put("/etc/a", "a1"), Requests.put("/etc/b", "b1")]))
        let before = try engine.state()
        let marker = box.live("/marker")
        let report = try engine.apply(
            Requests.request(
                "d2", from: "c1", to: "c2",
                [
                    Requests.put("/etc/a", "a2", old: "a1"), Requests.delete("/etc/b", old: "b1"),
                    Requests.put("/etc/new/c", "c2"),
                ],
                actions: [
                    ActionRequest(
                        pattern: "p",
                        commands: [
                            "echo \"ok $CONFSYNC_COMMIT $(cat %%)\" >> \(marker)", "exit 7", "echo never >> \(marker)",
                        ], paths: ["/etc/a"])
                ],
                rollbackOnFailure: true))
        #expect(report.status == .rolledBack)
        #expect(report.commit == "c1")
        #expect(report.actions.map(\.exitStatus) == [0, 7, 0, 7])
        #expect(report.actions.map(\.afterRollback) == [false, false, true, true])
        #expect(box.read("/marker") == "ok c2 a2\nok c1 a1\n")
        #expect(box.read("/etc/a") == "a1")
        #expect(box.read("/etc/b") == "b1")
        #expect(!box.exists("/etc/new"))
        #expect(box.tree() == ["etc", "etc/a", "etc/b", "marker"])
        let after = try engine.state()
        #expect(after.commit == before.commit && after.manifest == before.manifest)
        #expect(after.lastDeploy?.status == .rolledBack && after.lastDeploy?.deployID == "d2")
        // `exit 7` failed again after the rollback: it stays pending; `echo` succeeded.
        #expect(try engine.pendingActions().map(\.command) == ["exit 7"])
        #expect(box.stateLeftovers() == [PendingFile.name])
    }

    @Test("with rollbackOnFailure and success, the kept old files are removed")
    func rollbackNotNeeded() throws {
        let box = try Sandbox()
        let engine = try box.engine()
        _ = try engine.apply(Requests.request("d1", from: nil, to: "c1", [Requests.put("/etc/a", "a1")]))
        let report = try engine.apply(
            Requests.request(
                "d2", from: "c1", to: "c2", [Requests.put("/etc/a", "a2", old: "a1")],
                actions: [ActionRequest(pattern: "p", commands: ["true"], paths: ["/etc/a"])], rollbackOnFailure: true))
        #expect(report.status == .applied)
        #expect(box.tree() == ["etc", "etc/a"])
        #expect(box.stateLeftovers().isEmpty)
    }

    @Test("a command past the timeout is killed with its children")
    func timeout() throws {
        let box = try Sandbox()
        let engine = try box.engine(options: ApplyEngine.Options(actionTimeout: .milliseconds(300)))
        let report = try engine.apply(
            Requests.request(
                "d1", from: nil, to: "c1", [Requests.put("/etc/a", "a")],
                actions: [
                    ActionRequest(pattern: "p", commands: ["echo started; sleep 30; echo never"], paths: ["/etc/a"])
                ]))
        #expect(report.status == .failed)
        let result = try #require(report.actions.first)
        #expect(result.timedOut)
        #expect(result.exitStatus == 128 + SIGKILL)
        #expect(result.outputTail == "started\n")
    }

    @Test("an action's own timeout overrides the engine's, and ends the hung command in about that time")
    func ownTimeout() throws {
        let box = try Sandbox()
        let engine = try box.engine(options: ApplyEngine.Options(actionTimeout: .seconds(30)))
        let started = Clock.monotonicMillis()
        let report = try engine.apply(
            Requests.request(
                "d1", from: nil, to: "c1", [Requests.put("/etc/a", "a")],
                actions: [
                    ActionRequest(pattern: "hung", commands: ["sleep 30"], paths: ["/etc/a"], timeoutMillis: 400),
                    ActionRequest(pattern: "quick", commands: ["sleep 0.5; echo done"], paths: ["/etc/a"]),
                ]))
        let elapsed = Clock.monotonicMillis() - started
        #expect(report.status == .failed)
        #expect(report.actions.map(\.timedOut) == [true, false])
        #expect(report.actions.map(\.exitStatus) == [128 + SIGKILL, 0])
        #expect(report.message.contains("'sleep 30' timed out"))
        #expect(elapsed < 5000, "took \(elapsed) ms")
    }

    @Test("a background child holding the output open does not hold the apply")
    func backgroundChild() throws {
        let box = try Sandbox()
        let engine = try box.engine(options: ApplyEngine.Options(actionTimeout: .seconds(20)))
        let report = try engine.apply(
            Requests.request(
                "d1", from: nil, to: "c1", [Requests.put("/etc/a", "a")],
                actions: [ActionRequest(pattern: "p", commands: ["(sleep 3; echo late) & echo now"], paths: ["/etc/a"])]
            ))
        let result = try #require(report.actions.first)
        #expect(!result.timedOut && result.exitStatus == 0)
        #expect(result.outputTail == "now\n")
    }

    @Test("a shell that cannot start reports 127")
    func missingShell() throws {
        let box = try Sandbox()
        let engine = try box.engine(options: ApplyEngine.Options(shell: "/nonexistent/sh"))
        let report = try engine.apply(
            Requests.request(
                "d1", from: nil, to: "c1", [Requests.put("/etc/a", "a")],
                actions: [ActionRequest(pattern: "p", commands: ["exit 0"], paths: ["/etc/a"])]))
        #expect(report.actions.first?.exitStatus == 127)
        #expect(report.actions.first?.outputTail.contains("cannot start") == true)
    }

    @Test(
        "plain command lines run without a shell; anything with shell syntax or a builtin goes to the shell",
        arguments: [
            ("true", ["true"]), ("/bin/echo reloaded /etc/squid/a.conf", ["/bin/echo", "reloaded", "/etc/squid/a.conf"]),
            ("env", ["env"]), ("echo 50% done,@host:x+y", ["echo", "50%", "done,@host:x+y"]),
            ("exit 3", nil), ("cd /tmp", nil), ("X=1 env", nil), ("echo $HOME", nil), ("echo a;b", nil),
            ("echo 'a b'", nil), ("echo a > f", nil), ("echo  two-spaces", nil), ("ls *", nil), ("no-such-program", nil),
            ("/nonexistent/prog", nil), ("", nil), ("echo ~", nil),
        ] as [(String, [String]?)])
    func directOrShell(line: String, arguments: [String]?) {
        #expect(DirectCommand(line, searchPath: "/usr/local/bin:/usr/bin:/bin")?.arguments == arguments)
    }

    @Test("a command run without a shell gets the same environment, output, exit status and timeout")
    func directRun() throws {
        let box = try Sandbox()
        let engine = try box.engine(options: ApplyEngine.Options(actionTimeout: .milliseconds(300), shell: "/nonexistent/sh"))
        let report = try engine.apply(
            Requests.request(
                "d1", from: nil, to: "c1", [Requests.put("/etc/a", "a")],
                actions: [
                    ActionRequest(pattern: "a", commands: ["printenv CONFSYNC_DEPLOY_ID CONFSYNC_COMMIT"], paths: ["/etc/a"]),
                    ActionRequest(pattern: "b", commands: ["false"], paths: ["/etc/a"]),
                    ActionRequest(pattern: "c", commands: ["sleep 5"], paths: ["/etc/a"]),
                ]))
        #expect(report.actions.map(\.exitStatus) == [0, 1, 128 + SIGKILL])
        #expect(report.actions.first?.outputTail == "d1\nc1\n")
        #expect(report.actions.last?.timedOut == true)
    }
}
