import Foundation
import Glibc
import Posix
import Testing

@testable import Agent

/// A command left running by a killed agent is found and stopped at the next start.
@Suite("Stale runs")
struct StaleRunTests {
    @Test("the running record round-trips, before and after the spawn")
    func record() throws {
        var record = RunningRecord(tag: "d1-2-ab", session: 5, bootID: "b-1", deployID: "d1", index: 2)
        #expect(try RunningRecord.decode(record.encode(), file: "running") == record)
        record.group = 77
        record.startTime = 123
        #expect(try RunningRecord.decode(record.encode(), file: "running") == record)
    }

    /// A shell with a child in a process group of its own, tagged, as the engine spawns
    /// commands; killed and reaped at the end of the test.
    final class SpawnedRun {
        let leader: pid_t
        /// With the group, as noted once the spawn returned.
        let record: RunningRecord

        init() throws {
            var record = RunningRecord(
                tag: "d-0-\(String(UInt64.random(in: 1...UInt64.max), radix: 16))", session: getsid(0),
                bootID: ProcessTable.bootID(), deployID: "d", index: 0)
            var pid = pid_t()
            var attributes = posix_spawnattr_t()
            posix_spawnattr_init(&attributes)
            defer { posix_spawnattr_destroy(&attributes) }
            posix_spawnattr_setpgroup(&attributes, 0)
            posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
            let argv = CStringArray(["/bin/sh", "-c", "sleep 30; true"])
            let env = CStringArray(["PATH=/usr/bin:/bin", record.environmentEntry])
            guard posix_spawn(&pid, "/bin/sh", nil, &attributes, argv.pointers, env.pointers) == 0 else {
                throw AgentError(.io, "spawn failed")
            }
            record.group = pid
            record.startTime = ProcessTable.entry(pid)?.startTime ?? 0
            leader = pid
            self.record = record
            // Until the shell has forked its sleep.
            let deadline = Clock.monotonicMillis() + 5000
            while StaleRun.processes(of: record).count < 2 && Clock.monotonicMillis() < deadline { usleep(10_000) }
        }

        /// The record as it was before the spawn: the tag only.
        var recordBeforeSpawn: RunningRecord {
            var early = record
            early.group = 0
            early.startTime = 0
            return early
        }

        deinit {
            kill(-leader, SIGKILL)
            var status: Int32 = 0
            waitpid(leader, &status, 0)
        }
    }

    @Test("a group that still runs is killed, children included; a record of another boot or session kills nothing")
    func stop() throws {
        let run = try SpawnedRun()
        defer { withExtendedLifetime(run) {} }
        let record = run.record
        #expect(StaleRun.processes(of: record).count == 2)
        var otherBoot = record
        otherBoot.bootID = "another-boot"
        #expect(StaleRun.processes(of: otherBoot).isEmpty)
        var otherSession = record
        otherSession.session += 1
        #expect(StaleRun.processes(of: otherSession).isEmpty)

        let stopped = try #require(StaleRun.stop(record))
        #expect(stopped.contains("killed 2 process(es) of deploy d command 0 (process group \(record.group))"), "\(stopped)")
        #expect(StaleRun.processes(of: record).isEmpty)
        #expect(StaleRun.stop(record) == nil)
    }

    @Test("a reused group number is left alone; the run is still found by its tag")
    func reusedGroupNumber() throws {
        let run = try SpawnedRun()
        defer { withExtendedLifetime(run) {} }
        var reused = run.record
        reused.startTime -= 1
        reused.tag = "another-run"
        #expect(StaleRun.processes(of: reused).isEmpty)
        reused.tag = run.record.tag
        #expect(StaleRun.processes(of: reused).count == 2)
    }

    @Test("an agent killed between the note and the spawn's return: the run is found by its tag alone")
    func killedBeforeTheGroupWasNoted() throws {
        let run = try SpawnedRun()
        defer { withExtendedLifetime(run) {} }
        #expect(StaleRun.processes(of: run.recordBeforeSpawn).count == 2)
        #expect(StaleRun.stop(run.recordBeforeSpawn)?.contains("killed 2 process(es)") == true)
        #expect(StaleRun.processes(of: run.record).isEmpty)
    }

    @Test("recover() kills a run an earlier agent left, reports it, and removes the record")
    func recoverStopsIt() throws {
        let box = try Sandbox()
        _ = try box.engine()
        let run = try SpawnedRun()
        defer { withExtendedLifetime(run) {} }
        try run.record.write(in: Directory.open(box.state))
        let report = try box.engine().recover()
        #expect(report.stopped?.contains("of deploy d command 0") == true, "\(report)")
        #expect(StaleRun.processes(of: run.record).isEmpty)
        #expect(box.stateLeftovers().isEmpty)
        #expect(try box.engine().recover().stopped == nil)
    }

    @Test("a command's environment carries its run's tag, and the record is gone once it ended")
    func tagged() throws {
        let box = try Sandbox()
        let report = try box.engine().apply(
            Requests.request(
                "d1", from: nil, to: "c1", [Requests.put("/etc/a", "a")],
                actions: [ActionRequest(pattern: "p", commands: ["printenv CONFSYNC_RUN"], paths: ["/etc/a"])]))
        #expect(report.actions.first?.outputTail.hasPrefix("d1-0-") == true)
        #expect(box.stateLeftovers().isEmpty)
    }

    @Test("a command gets only stdin, stdout and stderr, not descriptors the agent inherited")
    func noInheritedDescriptors() throws {
        var ends: [Int32] = [-1, -1]
        #expect(pipe(&ends) == 0)
        defer { close(ends[0]); close(ends[1]) }
        let box = try Sandbox()
        let report = try box.engine().apply(
            Requests.request(
                "d1", from: nil, to: "c1", [Requests.put("/etc/a", "a")],
                actions: [ActionRequest(pattern: "p", commands: ["ls /proc/$$/fd"], paths: ["/etc/a"])]))
        let listed = try #require(report.actions.first?.outputTail).split(separator: "\n")
        #expect(listed.contains("0") && listed.contains("2"))
        #expect(!listed.contains("\(ends[0])") && !listed.contains("\(ends[1])"), "\(listed)")
    }
}
