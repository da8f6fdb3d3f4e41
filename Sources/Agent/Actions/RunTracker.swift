import Glibc
import Posix
import Synchronization

/// Knows the command running now: in memory, for `ApplyEngine.stopRunningAction()` (the
/// agent stopping), and in the state directory's `running`, for the next agent should this
/// one be killed (see `StaleRun`). One per engine; commands run one at a time.
final class RunTracker: Sendable {
    private let current = Mutex<RunningRecord?>(nil)
    private let stateDirectory: String
    private let bootID = ProcessTable.bootID()

    init(stateDirectory: String) {
        self.stateDirectory = stateDirectory
    }

    /// Command `index` of `deployID` is about to be spawned: notes it, and returns the
    /// `CONFSYNC_RUN=<tag>` entry for its environment. Best effort, like `started`.
    func starting(deployID: String, index: Int) -> String {
        let record = RunningRecord(
            tag: "\(deployID)-\(index)-\(String(UInt64.random(in: 1...UInt64.max), radix: 16))", session: getsid(0),
            bootID: bootID, deployID: deployID, index: index)
        current.withLock { $0 = record }
        note(record)
        return record.environmentEntry
    }

    /// The command runs as process group `pid`. Best effort: the command runs whether or
    /// not the note could be written.
    func started(_ pid: pid_t) {
        let record = current.withLock { record -> RunningRecord? in
            record?.group = pid
            record?.startTime = ProcessTable.entry(pid)?.startTime ?? 0
            return record
        }
        if let record { note(record) }
    }

    /// The command has been reaped.
    func finished() {
        current.withLock { $0 = nil }
        _ = try? Directory.open(stateDirectory).remove(RunningRecord.name)
    }

    /// Sends SIGKILL to the running command's process group; its id, or nil when none runs.
    func killRunning() -> pid_t? {
        current.withLock { record in
            guard let group = record?.group, group > 0 else { return nil }
            kill(-group, SIGKILL)
            return group
        }
    }

    private func note(_ record: RunningRecord) {
        try? record.write(in: Directory.open(stateDirectory))
    }
}
