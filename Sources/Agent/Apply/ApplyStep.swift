/// Points of an apply (or of its recovery) where a test can simulate a crash: the engine
/// stops there as if killed, leaving the disk as it is (see `ApplyEngine`'s internal init).
enum ApplyStep: Hashable, Sendable {
    /// The staging record is durable; nothing under the root exists yet.
    case stagingRecorded
    /// Temp file of change n is written.
    case fileStaged(Int)
    /// All temp files are written and synced.
    case staged
    /// The journal is durable (the commit point).
    case journalWritten
    /// Change n's target was replaced (or renamed aside).
    case renamed(Int)
    /// Touched directories are synced.
    case directoriesSynced
    /// The new state is durable.
    case stateWritten
    /// The journal is removed.
    case journalRemoved
    /// Command k ran and is marked done.
    case actionRan(Int)
    /// Re-run k ran and is marked done.
    case rerunRan(Int)
    /// An outbox file is removed: the re-runs' after a rollback, or one an earlier agent
    /// version wrote for a deploy's commands.
    case outboxRemoved
    /// The journal now says "rollback".
    case rollbackJournalWritten
    /// Change n's old file is back.
    case restored(Int)
    /// The old state is durable again.
    case rollbackStateWritten
    /// The re-run outbox file is durable and the forward one removed.
    case rollbackOutboxWritten
    /// The rollback journal is removed.
    case rollbackJournalRemoved
}

/// Thrown at a fault point chosen by a test; the engine does no cleanup on its way out.
struct SimulatedCrash: Error {
    let step: ApplyStep
}
