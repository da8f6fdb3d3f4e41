import Glibc
import Posix
import Synchronization

/// The node side of a deploy: applies change sets atomically under a root, keeps the node's
/// state, detects drift, runs actions from a durable outbox, and recovers after a crash.
/// See docs/agent.md for the on-disk formats and the crash-safety argument.
///
/// One engine per agent process. `apply`, `recover` and `drift` are exclusive: a call made
/// while another runs throws `.busy` at once. Call `recover()` once at start, before `apply`.
public final class ApplyEngine: Sendable {
    private let context: EngineContext
    private let running = Mutex(false)
    private let current: StateCell
    /// What was wrong with `state` or `state.log` when the engine read them, one line each:
    /// a save cut short, or damage that left the state unknown (see `NodeState.unknown`).
    /// Empty when they read whole. The agent prints them at start.
    public let stateWarnings: [String]

    /// An engine for files under `root` ("/" in production) keeping its state in
    /// `stateDirectory` (a full path, created if missing). Reads the state; changes nothing else.
    public convenience init(root: String, stateDirectory: String, options: Options = Options()) throws {
        try self.init(root: root, stateDirectory: stateDirectory, options: options, faultPoint: { _ in false })
    }

    /// For tests: `faultPoint` returning true at a step makes the engine stop there as if killed.
    init(
        root: String, stateDirectory: String, options: Options, faultPoint: @escaping @Sendable (ApplyStep) -> Bool
    ) throws {
        guard root.hasPrefix("/"), stateDirectory.hasPrefix("/") else {
            throw AgentError(.invalidRequest, "root '\(root)' and state directory '\(stateDirectory)' must be absolute")
        }
        var trimmedRoot = root
        while trimmedRoot.count > 1 && trimmedRoot.hasSuffix("/") { trimmedRoot.removeLast() }
        let saved = try AgentError.translating {
            let state = try Directory.openCreating(stateDirectory, mode: 0o700)
            _ = try Directory.open(trimmedRoot)
            return try StateStore.load(from: state)
        }
        let context = EngineContext(
            root: trimmedRoot, stateDirectory: stateDirectory,
            stateDirectoryUnderRoot: Self.relativePath(of: stateDirectory, under: trimmedRoot), options: options,
            stateStore: saved.store, faultPoint: faultPoint, runs: RunTracker(stateDirectory: stateDirectory))
        _ = try AgentError.translating { try context.openOutbox() }
        self.context = context
        current = StateCell(saved.state)
        stateWarnings = saved.warnings
    }

    /// The node's state as last written.
    public func state() throws -> NodeState {
        current.value
    }

    /// Kills the process group of the command running now, if any (for an agent that is
    /// stopping: a command it leaves running would overlap its re-run at the next start).
    /// The apply sees the command killed. Returns the group's id.
    @discardableResult
    public func stopRunningAction() -> Int32? {
        context.runs.killRunning()
    }

    /// The commands whose last run failed, oldest failure first: each runs again with the
    /// next apply (even one that changes no file) until it succeeds or is dropped.
    public func pendingActions() throws -> [PendingAction] {
        try AgentError.translating { try PendingFile.load(from: context.openStateDirectory()) }
    }

    /// Brings the node to a consistent point: stops a command an earlier agent left running
    /// (see `StaleRun`), finishes (or undoes) an apply found in its journal, discards the
    /// temp files of an apply that died before its journal, runs pending outbox commands,
    /// and removes leftover `.confsync-*` files next to managed files.
    public func recover() throws -> RecoveryReport {
        try exclusive { runner in
            let stateDirectory = try context.openStateDirectory()
            var report = RecoveryReport(deployID: nil, resolution: .nothingInFlight, actions: [], removed: [])
            if let left = try RunningRecord.load(from: stateDirectory) {
                report.stopped = StaleRun.stop(left)
                try stateDirectory.remove(RunningRecord.name)
            }
            let staging = try stateDirectory.readFile(StagingRecord.name).map {
                try StagingRecord.decode($0, file: stateDirectory.entryPath(StagingRecord.name))
            }
            if let bytes = try stateDirectory.readFile(Journal.name) {
                let journal = try Journal.decode(bytes, file: stateDirectory.entryPath(Journal.name))
                report.deployID = journal.deployID
                if let staging, staging.deployID != journal.deployID {
                    report.removed += try Stager(context: context).discard(staging)
                } else if staging != nil {
                    try stateDirectory.removeDurably(StagingRecord.name)
                }
                let outcome = try runner.run(journal)
                report.resolution = outcome.status == .rolledBack ? .rolledBack : .completed
            } else if let staging {
                report.deployID = staging.deployID
                report.removed += try Stager(context: context).discard(staging)
                report.resolution = .discardedStaging
            }
            try runner.runLeftoverOutbox()
            report.actions = runner.results
            report.removed += try removeLeftovers(near: runner.state)
            return report
        }
    }

    /// Managed files whose live content, mode, owner or group differ from the manifest, or
    /// that are gone, sorted by path. While the state is unknown: the recorded files that
    /// match none of their recorded versions, compared with the last one recorded (a file
    /// that is gone is left out: the save that was lost may have deleted it).
    public func drift() throws -> [DriftEntry] {
        try exclusive { runner in
            guard let unknown = runner.state.unknown else {
                return try DriftScanner(context: context).scan(runner.state.manifest)
            }
            let latest = unknown.recorded.compactMapValues(\.last)
            return try DriftScanner(context: context).scan(latest, alternatives: unknown.recorded)
                .filter { $0.kind != .missing }
        }
    }

    /// Applies `request` atomically and runs its actions (see docs/agent.md, "The apply").
    /// Refusals and failures that leave the node unchanged come back as a report. Throws
    /// `.busy`, `.recoveryNeeded` (a journal or an unfinished outbox file exists),
    /// `.invalidRequest`, or an I/O error after which `recover()` finishes or undoes the apply.
    /// Pending actions (see `pendingActions()`) run after the deploy's own commands, unless
    /// `dropPendingActions` forgets them first.
    public func apply(_ request: ApplyRequest) throws -> ApplyReport {
        try exclusive { runner in
            try requireNothingInFlight()
            let dropped = request.dropPendingActions ? try dropPendingActions() : 0
            var report = try apply(request, runner: runner)
            if dropped > 0 { report.message = "dropped \(dropped) pending action(s); " + report.message }
            return report
        }
    }

    /// Steps 1 to 8 (or 9) of `apply`.
    private func apply(_ request: ApplyRequest, runner: JournalRunner) throws -> ApplyReport {
        let plan: Plan
        switch try Planner(context: context, state: runner.state).plan(request) {
        case .report(let report): return report
        case .plan(let planned): plan = planned
        }
        // Re-established by this apply, when it succeeds (see `JournalRunner`).
        let wasUnknown = runner.state.unknown.map {
            "; this node's state was unknown (\($0.reason)) and is re-established from its files"
        }
        let stateDirectory = try context.openStateDirectory()
        let commands = Retries.merge(plan.commands, try PendingFile.load(from: stateDirectory))
        var journal = Journal(
            phase: .forward, deployID: request.deployID, director: request.director, user: request.user,
            at: Clock.epochSeconds(), toCommit: request.toCommit, previousCommit: runner.state.commit,
            rollbackOnFailure: request.rollbackOnFailure, createdDirectories: plan.directoriesToCreate,
            entries: [], commands: commands, reruns: [])
        if plan.writesNothing {
            journal.entries = plan.files.map { Self.entry($0, inode: 0) }
            guard !commands.isEmpty else {
                try runner.saveWithoutFiles(journal)
                return ApplyReport(
                    status: .applied, commit: runner.state.commit, files: plan.outcomes, actions: [],
                    message: "nothing to change; at \(request.toCommit)\(wasUnknown ?? "")")
            }
            // Only pending commands to run: no staging, but a journal, so that they
            // survive a crash as a deploy's own do.
            try stateDirectory.writeAtomically(Journal.name, journal.encode())
            try context.reach(.journalWritten)
            let outcome = try runner.run(journal)
            return report(outcome, plan: plan, runner: runner, wasUnknown: wasUnknown)
        }
        let stager = Stager(context: context)
        let staged: [Int: Stager.Staged]
        do {
            staged = try stager.stage(plan, deployID: request.deployID)
        } catch {
            guard let failure = AgentError.from(error) else { throw error }
            _ = try stager.discard(Stager.record(plan, deployID: request.deployID))
            return ApplyReport(
                status: .failed, commit: runner.state.commit, files: [], actions: [],
                message: "staging failed, nothing applied: \(failure.message)")
        }
        let verified: [ActionResult]
        switch try verify(plan, request: request, runner: runner) {
        case .refused(let refusal):
            _ = try stager.discard(Stager.record(plan, deployID: request.deployID))
            return refusal
        case .passed(let results): verified = results
        }
        journal.entries = plan.files.map { file in
            var entry = Self.entry(file, inode: staged[file.index]?.inode ?? 0)
            if file.operation == .write { entry.hadOld = staged[file.index]?.keptOld ?? false }
            return entry
        }
        try stateDirectory.writeAtomically(Journal.name, journal.encode())
        try stateDirectory.remove(StagingRecord.name)
        try context.reach(.journalWritten)
        let outcome = try runner.run(journal)
        var report = report(outcome, plan: plan, runner: runner, wasUnknown: wasUnknown)
        report.actions = verified + report.actions
        return report
    }

    /// What the `verify` commands said.
    private enum Verification {
        case passed([ActionResult])
        case refused(ApplyReport)
    }

    /// Step 4b: the actions' `verify` commands on the staged copies. The first that fails
    /// refuses the apply (the caller discards the staging: nothing was replaced).
    private func verify(_ plan: Plan, request: ApplyRequest, runner: JournalRunner) throws -> Verification {
        guard !plan.verifications.isEmpty else { return .passed([]) }
        let actionRunner = context.actionRunner
        let deploy = ActionRunner.Deploy(deployID: request.deployID, commit: request.toCommit, afterRollback: false)
        var results = [ActionResult]()
        for verification in plan.verifications {
            var result = actionRunner.run(verification, for: deploy)
            result.command = "verify: " + verification.command
            results.append(result)
            guard result.exitStatus == 0 else {
                let targets = request.actions.first { $0.pattern == verification.pattern }?.paths ?? []
                let checked = targets.filter { path in
                    plan.files.contains { $0.location.managed == path && $0.operation == .write }
                }
                let why = result.timedOut ? "timed out" : "exit \(result.exitStatus)"
                return .refused(ApplyReport(
                    status: .failed, commit: runner.state.commit, files: [], actions: results,
                    message: "verify '\(verification.command)' refused the new \(checked.joined(separator: ", ")) (\(why)); "
                        + "nothing applied, the node keeps its files"))
            }
        }
        return .passed(results)
    }

    /// The report of a journaled apply; says so when it re-established an unknown state.
    private func report(
        _ outcome: JournalRunner.Outcome, plan: Plan, runner: JournalRunner, wasUnknown: String?
    ) -> ApplyReport {
        let note = runner.state.unknown == nil && outcome.status != .rolledBack ? wasUnknown ?? "" : ""
        return ApplyReport(
            status: outcome.status, commit: runner.state.commit, files: plan.outcomes, actions: runner.results,
            message: outcome.message + note)
    }

    /// Forgets every pending command; how many there were.
    private func dropPendingActions() throws -> Int {
        let stateDirectory = try context.openStateDirectory()
        let pending = try PendingFile.load(from: stateDirectory)
        if !pending.isEmpty { try PendingFile.save([], in: stateDirectory) }
        return pending.count
    }

    // MARK: Private

    /// Runs `body` unless another exclusive call is running; the state it leaves becomes current.
    private func exclusive<Result>(_ body: (JournalRunner) throws -> Result) throws -> Result {
        let acquired = running.withLock { busy in
            if busy { return false }
            busy = true
            return true
        }
        guard acquired else { throw AgentError(.busy, "another apply, recover or drift check is running") }
        defer { running.withLock { $0 = false } }
        let runner = JournalRunner(context: context, state: current)
        return try AgentError.translating { try body(runner) }
    }

    private func requireNothingInFlight() throws {
        let stateDirectory = try context.openStateDirectory()
        let pending = try context.openOutbox().names()
        if try stateDirectory.status(Journal.name) != nil || stateDirectory.status(StagingRecord.name) != nil
            || !pending.isEmpty
        {
            let unfinished = "an earlier apply is unfinished (journal, staging or outbox in \(context.stateDirectory))"
            throw AgentError(.recoveryNeeded, unfinished + "; call recover()")
        }
    }

    private static func entry(_ file: PlannedFile, inode: UInt64) -> Journal.Entry {
        Journal.Entry(
            index: file.index, operation: file.operation, path: file.location.managed, inode: inode, hadOld: file.hadOld,
            new: file.new, old: file.old)
    }

    /// Removes `.confsync-tmp-*` and `.confsync-old-*` files from the directories of managed
    /// (or, while the state is unknown, recorded) files (left when an unlink was not yet
    /// durable at a crash), and `*.tmp` files from the state directory.
    private func removeLeftovers(near state: NodeState) throws -> [String] {
        var walker = DirectoryWalker(root: try context.openRoot())
        var removed = [String]()
        let paths = Array(state.manifest.keys) + (state.unknown.map { Array($0.recorded.keys) } ?? [])
        for parent in Set(paths.map { ManagedPath(unchecked: $0).parent }).sorted(by: {
            $0.lexicographicallyPrecedes($1)
        }) {
            let opened: Directory?
            do {
                opened = try walker.open(parent)
            } catch where AgentError.from(error)?.code == .pathRefused {
                continue
            }
            guard let directory = opened else { continue }
            for name in try directory.entries() where ScratchNames.isScratch(name) {
                if try directory.status(name)?.kind != .directory, try directory.remove(name) {
                    removed.append(directory.entryPath(name))
                }
            }
        }
        let stateDirectory = try context.openStateDirectory()
        for name in try stateDirectory.entries() where name.hasSuffix(".tmp") {
            if try stateDirectory.remove(name) { removed.append(stateDirectory.entryPath(name)) }
        }
        return removed + (try context.openOutbox().removeLeftovers())
    }

    /// `path` relative to `root` (e.g. "/var/lib/x" under "/"), resolving symlinks; nil when outside.
    private static func relativePath(of path: String, under root: String) -> String? {
        guard let real = realPath(path), let realRoot = realPath(root) else { return nil }
        if realRoot == "/" { return real }
        guard real.hasPrefix(realRoot + "/") else { return real == realRoot ? "/" : nil }
        return String(real.dropFirst(realRoot.count))
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
