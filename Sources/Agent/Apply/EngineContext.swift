import Posix

/// Where an engine works and how: shared by apply, recovery and drift checks.
struct EngineContext: Sendable {
    /// Live root: "/" or an absolute path without a trailing slash.
    let root: String
    /// Absolute path of the state directory.
    let stateDirectory: String
    /// The state directory as a path under the root (e.g. "/var/lib/confsync/agent"), when
    /// it is under the root: managed paths may not reach into it.
    let stateDirectoryUnderRoot: String?
    let options: ApplyEngine.Options
    /// Where the node state is saved.
    let stateStore: StateStore
    let faultPoint: @Sendable (ApplyStep) -> Bool
    /// The command running now (see `RunTracker`).
    let runs: RunTracker

    /// Stops here as if the process died, when a test asks for it.
    func reach(_ step: ApplyStep) throws {
        if faultPoint(step) { throw SimulatedCrash(step: step) }
    }

    func openRoot() throws -> Directory {
        try Directory.open(root)
    }

    func openStateDirectory() throws -> Directory {
        try Directory.open(stateDirectory)
    }

    func openOutbox() throws -> Outbox {
        var walker = DirectoryWalker(root: try openStateDirectory())
        var created = [String]()
        guard let directory = try walker.open([Outbox.directoryName], creating: true, created: &created) else {
            throw AgentError(.io, "\(stateDirectory)/\(Outbox.directoryName) cannot be opened")
        }
        return Outbox(directory: directory)
    }

    var actionRunner: ActionRunner {
        ActionRunner(
            root: root, shell: options.shell, timeoutMillis: options.actionTimeoutMillis,
            tailBytes: options.outputTailBytes, logBytes: options.logBytesPerRun, tracker: runs)
    }
}
