import Glibc

/// A command a killed agent left running (`RunningRecord`): stopped at the next start, before
/// recovery runs the command again, so that two runs of it never overlap.
///
/// Its processes are those of the recorded process group and session that started no
/// earlier than the group's first process, on this boot. A process group id stays taken
/// while any process is in the group, so it cannot name a newer group meanwhile; once the
/// group is empty its number may come back, as a new process whose start time differs
/// from the recorded one, and then nothing is killed. Processes that left the group
/// (a daemon the command started, with `setsid`) are not touched.
enum StaleRun {
    /// Kills the run `record` names if any of it still runs, and waits up to `waitMillis`
    /// until it is gone. What it did, for the recovery report; nil when nothing ran.
    static func stop(_ record: RunningRecord, waitMillis: Int = 5000) -> String? {
        let found = processes(of: record)
        guard !found.isEmpty else { return nil }
        kill(-record.group, SIGKILL)
        let deadline = Clock.monotonicMillis() + waitMillis
        var left = processes(of: record)
        while !left.isEmpty && Clock.monotonicMillis() < deadline {
            usleep(10_000)
            left = processes(of: record)
        }
        let what = "killed process group \(record.group) (\(found.count) process(es)) of deploy \(record.deployID) "
            + "command \(record.index), left running by an agent that did not stop it"
        return left.isEmpty ? what : what + "; \(left.count) still there after \(waitMillis) ms"
    }

    /// The live (not zombie) processes of the recorded run.
    static func processes(of record: RunningRecord) -> [pid_t] {
        guard record.bootID == ProcessTable.bootID() else { return [] }
        if let leader = ProcessTable.entry(record.group), leader.startTime != record.startTime {
            return []  // the number is another process's now: the recorded group is gone
        }
        return ProcessTable.all().filter {
            $0.group == record.group && $0.session == record.session && $0.startTime >= record.startTime
                && !$0.isZombie
        }.map(\.pid)
    }
}
