import Foundation
import Testing

/// Faults an agent meets on a real node, injected for real: a second agent process, ...
@Suite("Agent faults", .serialized)
struct AgentFaultTests {
    @Test("a second agent on the same state directory exits at once, naming it and the holder's PID")
    func secondAgentRefused() throws {
        let cluster = try TestCluster(nodes: ["node1"])
        defer { cluster.shutdown() }
        let root = cluster.root("node1").path
        // Before the lock, the second agent ran too: kill it after 10 s so the test fails, not hangs.
        let watchdog = Thread {
            Thread.sleep(forTimeInterval: 10)
            _ = try? CLI.runProgram("/usr/bin/pkill", ["-KILL", "-f", "agent --root \(root) --name node1 --listen 127.0.0.1:0"])
        }
        watchdog.start()
        let second = try CLI.run([
            "agent", "--root", root, "--name", "node1", "--listen", "127.0.0.1:0",
            "--trust", cluster.directorFingerprint,
        ])
        watchdog.cancel()
        #expect(second.status != 0)
        #expect(second.stderr.contains(root + "/var/lib/confsync/agent"), "\(second.stderr)")
        #expect(second.stderr.contains("pid \(cluster.agentPID("node1") ?? -1)"), "\(second.stderr)")
        // The first agent still serves.
        try cluster.director.write("/etc/squid3/squid.conf", Fixture.squidConf + "# second agent refused\n")
        #expect(try cluster.commit("one agent only").status == 0)
        let deploy = try cluster.deploy()
        #expect(deploy.status == 0, "\(deploy.stdout)\(deploy.stderr)")
    }
}
