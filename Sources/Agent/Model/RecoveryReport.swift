/// What `recover()` did.
public struct RecoveryReport: Sendable, Equatable {
    public enum Resolution: String, Sendable {
        /// No apply was in flight.
        case nothingInFlight
        /// An apply died before its journal: its temp files and new directories were removed.
        case discardedStaging
        /// An apply died after its journal: it was finished (all new files).
        case completed
        /// An apply died after its journal and was undone (all old files).
        case rolledBack
    }

    /// The deploy that was in flight, if any.
    public var deployID: String?
    public var resolution: Resolution
    /// Commands run from the outbox (pending ones of the interrupted deploy and re-runs).
    public var actions: [ActionResult]
    /// Leftover `.confsync-*` files and directories removed (live paths).
    public var removed: [String]
    /// A command an earlier agent left running, killed before anything else (see `StaleRun`).
    public var stopped: String?

    public init(
        deployID: String?, resolution: Resolution, actions: [ActionResult], removed: [String], stopped: String? = nil
    ) {
        self.deployID = deployID
        self.resolution = resolution
        self.actions = actions
        self.removed = removed
        self.stopped = stopped
    }
}
