import Glibc
import Synchronization

/// Knows the command running now: in memory, for `ApplyEngine.stopRunningAction()` (the
/// agent stopping), and in the state directory's `running`, for the next agent should this
/// one be killed (see `StaleRun`). One per engine.
final class RunTracker: Sendable {
    private let group = Mutex<pid_t>(0)
    private let stateDirectory: String
    private let bootID = ProcessTable.bootID()

    init(stateDirectory: String) {
        self.stateDirectory = stateDirectory
    }

    /// The command `index` of `deployID` runs as process group `pid`. Best effort: the
    /// command runs whether or not the note could be written.
    func started(_ pid: pid_t, deployID: String, index: Int) {
        group.withLock { $0 = pid }
        let record = RunningRecord(
            group: pid, session: getsid(0), startTime: ProcessTable.entry(pid)?.startTime ?? 0, bootID: bootID,
            deployID: deployID, index: index)
        try? record.write(in: Directory.open(stateDirectory))
    }

    /// The command has been reaped.
    func finished() {
        group.withLock { $0 = 0 }
        _ = try? Directory.open(stateDirectory).remove(RunningRecord.name)
    }

    /// Sends SIGKILL to the running command's process group; its id, or nil when none runs.
    func killRunning() -> pid_t? {
        group.withLock { pid in
            guard pid > 0 else { return nil }
            kill(-pid, SIGKILL)
            return pid
        }
    }
}
