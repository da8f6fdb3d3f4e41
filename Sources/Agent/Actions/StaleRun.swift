import Glibc
import Posix

/// A command a killed agent left running (`RunningRecord`): stopped at the next start, before
/// recovery runs the command again, so that two runs of it never overlap.
///
/// Its processes, on the recorded boot and in the recorded session (the old agent's, which
/// they share unless they left it with `setsid`, as a daemon does), are those that carry
/// its tag (`CONFSYNC_RUN=<tag>` in their environment, unique to the run: this covers an
/// agent killed between writing the record and the spawn) and those of its process group
/// that started no earlier than the group's first process. A process group id stays taken
/// while any process is in the group, so it cannot name a newer group meanwhile; once the
/// group is empty its number may come back, as a process whose start time differs from the
/// recorded one, and then the group is left alone.
enum StaleRun {
    /// Kills the processes of the run `record` names, and waits up to `waitMillis` until
    /// they are gone. What it did, for the recovery report; nil when nothing of it ran.
    static func stop(_ record: RunningRecord, waitMillis: Int = 5000) -> String? {
        var left = processes(of: record)
        let found = left.count
        guard found > 0 else { return nil }
        let deadline = Clock.monotonicMillis() + waitMillis
        while !left.isEmpty && Clock.monotonicMillis() < deadline {
            if record.group > 0 { kill(-record.group, SIGKILL) }
            for pid in left { kill(pid, SIGKILL) }
            usleep(10_000)
            left = processes(of: record)
        }
        let what = "killed \(found) process(es) of deploy \(record.deployID) command \(record.index)"
            + (record.group > 0 ? " (process group \(record.group))" : "") + ", left running by an agent that did not stop it"
        return left.isEmpty ? what : what + "; \(left.count) still there after \(waitMillis) ms"
    }

    /// The live (not zombie) processes of the recorded run.
    static func processes(of record: RunningRecord) -> [pid_t] {
        guard record.bootID == ProcessTable.bootID() else { return [] }
        var group = record.group
        if group > 0, let leader = ProcessTable.entry(group), leader.startTime != record.startTime {
            group = 0  // the number is another process's now: the recorded group is gone
        }
        let tag = Array(record.environmentEntry.utf8)
        return ProcessTable.all().filter { entry in
            guard entry.session == record.session, !entry.isZombie, entry.pid != getpid() else { return false }
            if group > 0 && entry.group == group && entry.startTime >= record.startTime { return true }
            return ProcessTable.environment(of: entry.pid).contains(tag)
        }.map(\.pid)
    }
}
