import Posix

/// Finishes or undoes the apply a journal describes, then runs its commands from the outbox.
/// An apply in progress and a recovery run this same code, so every step is idempotent:
/// it checks what is on disk and does only what is missing.
final class JournalRunner {
    struct Outcome {
        var status: ApplyStatus
        var message: String
    }

    let context: EngineContext
    /// The node state as last written.
    private let cell: StateCell
    var state: NodeState { cell.value }
    /// Every command run so far, in order.
    private(set) var results = [ActionResult]()

    init(context: EngineContext, state: StateCell) {
        self.context = context
        cell = state
    }

    func run(_ journal: Journal) throws -> Outcome {
        switch journal.phase {
        case .forward: try forward(journal)
        case .rollback: try rollback(journal, reason: "rollback resumed")
        }
    }

    /// Records `journal`'s new state without a journal: for an apply that changes no file.
    func saveWithoutFiles(_ journal: Journal) throws {
        try save(paths: journal.entries.map(\.path)) { Self.forward(journal, &$0) }
    }

    // MARK: Forward

    /// Steps 6 to 8. The journal stays until the deploy's commands have run: it holds them,
    /// and their done log says which ran, so the commands need no outbox file of their own.
    private func forward(_ journal: Journal) throws -> Outcome {
        let root = try context.openRoot()
        let lost = try finishRenames(journal, root: root)
        guard lost.isEmpty else {
            return try switchToRollback(
                journal, reruns: [], reason: "temp file(s) vanished: \(lost.joined(separator: ", "))")
        }
        try syncDirectories(journal, root: root)
        try context.reach(.directoriesSynced)
        try save(paths: journal.entries.map(\.path)) { Self.forward(journal, &$0) }
        try context.reach(.stateWritten)

        let outbox = try context.openOutbox()
        let commands = Commands(
            list: journal.commands, logName: OutboxFile.name(journal.deployID, .forward),
            deploy: ActionRunner.Deploy(deployID: journal.deployID, commit: journal.toCommit, afterRollback: false))
        if !journal.rollbackOnFailure {
            // Nothing can roll this apply back any more: the old versions can go at once.
            try removeOldFiles(journal, root: root)
            let failures = try runCommands(commands, in: outbox, stopAtFailure: false)
            return try finishForward(journal, commands, failures: failures, in: outbox)
        }

        // Only the deploy's own commands can roll it back; retries of pending ones run after.
        var own = commands
        own.list.removeAll(where: \.retry)
        let failures = try runCommands(own, in: outbox, stopAtFailure: true)
        guard failures.isEmpty else {
            let ran = try outbox.done(commands.logName)
            let reruns = own.list.map(\.index).filter { ran[$0] != nil }
            return try switchToRollback(journal, reruns: reruns, reason: describe(failures))
        }
        try removeOldFiles(journal, root: root)
        var retries = commands
        retries.list.removeAll { !$0.retry }
        return try finishForward(journal, commands, failures: runCommands(retries, in: outbox, stopAtFailure: false), in: outbox)
    }

    /// Ends a forward apply whose commands all ran. A failure marks the deploy failed. The
    /// commands' statuses settle the pending file (durable), then the journal is removed
    /// durably, then the done log (a done log that comes back after a power loss is swept
    /// as a leftover). An outbox file for the commands exists only if an earlier agent
    /// version wrote it; it goes first, so that it never outlives the journal with its done
    /// log gone.
    private func finishForward(
        _ journal: Journal, _ commands: Commands, failures: [String], in outbox: Outbox
    ) throws -> Outcome {
        if !failures.isEmpty { try markFailed(journal.deployID) }
        try settlePending(commands, in: outbox)
        try removeOutboxFile(commands.logName, in: outbox)
        try context.openStateDirectory().removeDurably(Journal.name)
        try context.reach(.journalRemoved)
        try outbox.removeDoneLog(commands.logName)
        return failures.isEmpty
            ? Outcome(status: .applied, message: "applied \(journal.toCommit)")
            : Outcome(status: .failed, message: "applied \(journal.toCommit); \(describe(failures))")
    }

    /// Step 6, idempotent. A temp file still there is renamed over its target (the old file
    /// was linked aside at staging); a missing one is fine when the target has its inode,
    /// else lost. A removed file is renamed aside.
    private func finishRenames(_ journal: Journal, root: Directory) throws -> [String] {
        var walker = DirectoryWalker(root: root)
        var lost = [String]()
        for group in journal.entries.filter({ $0.operation != .keep }).groupedByDirectory(path: { $0.path }) {
            guard let directory = try walker.open(group.directory) else {
                lost += group.elements.filter { $0.operation == .write }.map(\.path)
                continue
            }
            for entry in group.elements {
                let name = ManagedPath(unchecked: entry.path).name
                switch entry.operation {
                case .write:
                    // No temp file (rename says ENOENT): renamed before, or lost.
                    if try directory.rename(ScratchNames.temp(journal.deployID, entry.index), to: name) {
                        try context.reach(.renamed(entry.index))
                    } else if try directory.status(name)?.inode != entry.inode {
                        lost.append(entry.path)
                    }
                case .remove:
                    if try directory.rename(name, to: ScratchNames.old(journal.deployID, entry.index)) {
                        try context.reach(.renamed(entry.index))
                    }
                case .keep:
                    break
                }
            }
        }
        return lost
    }

    /// The state after `journal`. On an unknown state, an apply planned against it (it has
    /// no previous commit, so the director sent every file) re-establishes the state; one
    /// from before the state was lost (a recovery) only adds the versions it put in place.
    private static func forward(_ journal: Journal, _ state: inout NodeState) {
        if var unknown = state.unknown, journal.previousCommit != nil {
            for entry in journal.entries { if let new = entry.new { unknown.record(new) } }
            state.unknown = unknown
            state.lastDeploy = journal.record(.applied)
            return
        }
        state.unknown = nil
        for entry in journal.entries {
            state.manifest[entry.path] = entry.new
        }
        state.commit = journal.toCommit
        state.lastDeploy = journal.record(.applied)
    }

    // MARK: Rollback

    /// Rewrites the journal as a rollback (so a crash from here on keeps undoing), then undoes.
    private func switchToRollback(_ journal: Journal, reruns: [Int], reason: String) throws -> Outcome {
        var undo = journal
        undo.phase = .rollback
        undo.reruns = reruns
        try context.openStateDirectory().writeAtomically(Journal.name, undo.encode())
        try context.reach(.rollbackJournalWritten)
        return try rollback(undo, reason: reason)
    }

    /// Step 9, idempotent: old files back, new directories gone, old state, re-runs queued.
    private func rollback(_ journal: Journal, reason: String) throws -> Outcome {
        let root = try context.openRoot()
        var walker = DirectoryWalker(root: root)
        for group in journal.entries.filter({ $0.operation != .keep }).groupedByDirectory(path: { $0.path }) {
            let directory = try walker.open(group.directory)
            for entry in group.elements {
                if let directory { try restore(entry, in: directory, deployID: journal.deployID) }
                try context.reach(.restored(entry.index))
            }
        }
        try syncDirectories(journal, root: root)
        for path in journal.createdDirectories.reversed() {
            let location = ManagedPath(unchecked: path)
            guard let parent = try walker.open(location.parent) else { continue }
            if try parent.removeDirectory(location.name) { try parent.sync() }
        }
        try save(paths: journal.entries.map(\.path)) { Self.reverse(journal, &$0) }
        try context.reach(.rollbackStateWritten)

        let outbox = try context.openOutbox()
        let rerunName = OutboxFile.name(journal.deployID, .rollback)
        let reruns = journal.commands.filter { journal.reruns.contains($0.index) }
        if !reruns.isEmpty {
            try outbox.write(
                OutboxFile(
                    deployID: journal.deployID, commit: journal.previousCommit ?? "", phase: .rollback, commands: reruns
                ))
        }
        let forwardLog = OutboxFile.name(journal.deployID, .forward)
        try removeOutboxFile(forwardLog, in: outbox)
        try outbox.removeDoneLog(forwardLog)
        try context.reach(.rollbackOutboxWritten)
        try context.openStateDirectory().removeDurably(Journal.name)
        try context.reach(.rollbackJournalRemoved)
        let rerunCommands = Commands(
            list: reruns, logName: rerunName,
            deploy: ActionRunner.Deploy(
                deployID: journal.deployID, commit: journal.previousCommit ?? "", afterRollback: true))
        let failures = try runCommands(rerunCommands, in: outbox, stopAtFailure: false)
        try settlePending(rerunCommands, in: outbox)
        try removeOutboxFile(rerunName, in: outbox)
        let rerunNote = failures.isEmpty ? "" : "; after the rollback, \(describe(failures))"
        return Outcome(
            status: .rolledBack,
            message: "\(reason); rolled back to \(journal.previousCommit ?? "no commit")\(rerunNote)")
    }

    /// Puts back what was at `entry`'s target before the apply, whatever step it reached.
    private func restore(_ entry: Journal.Entry, in directory: Directory, deployID: String) throws {
        let name = ManagedPath(unchecked: entry.path).name
        let old = ScratchNames.old(deployID, entry.index)
        switch entry.operation {
        case .write:
            try directory.remove(ScratchNames.temp(deployID, entry.index))
            if entry.hadOld {
                try directory.rename(old, to: name)
                // rename(2) does nothing when both names are links to the same file.
                try directory.remove(old)
            } else if try directory.status(name)?.inode == entry.inode {
                try directory.remove(name)
            }
        case .remove:
            try directory.rename(old, to: name)
        case .keep:
            break
        }
    }

    /// The state before `journal`. On an unknown state, only the versions put back are added.
    private static func reverse(_ journal: Journal, _ state: inout NodeState) {
        if var unknown = state.unknown {
            for entry in journal.entries { if let old = entry.old { unknown.record(old) } }
            state.unknown = unknown
            state.lastDeploy = journal.record(.rolledBack)
            return
        }
        for entry in journal.entries {
            state.manifest[entry.path] = entry.old
        }
        state.commit = journal.previousCommit
        state.lastDeploy = journal.record(.rolledBack)
    }

    // MARK: Outbox

    /// Runs the pending commands of every outbox file left without a journal (after a crash).
    func runLeftoverOutbox() throws {
        let outbox = try context.openOutbox()
        for name in try outbox.names() {
            guard let file = try outbox.load(name) else { continue }
            let commands = Commands(file, name: name)
            let failures = try runCommands(commands, in: outbox, stopAtFailure: false)
            if file.phase == .forward && !failures.isEmpty { try markFailed(file.deployID) }
            try settlePending(commands, in: outbox)
            try removeOutboxFile(name, in: outbox)
        }
    }

    /// A deploy's commands and the done log that says which of them ran.
    struct Commands {
        var list: [OutboxCommand]
        /// The outbox name whose done log (`<logName>.done`) records which commands ran.
        var logName: String
        var deploy: ActionRunner.Deploy
    }

    /// Step 8: runs the commands not yet in the done log, appending each one's exit status
    /// to the log (fsynced) after it ran. Returns the failures, including those of commands
    /// that ran before a crash.
    private func runCommands(_ commands: Commands, in outbox: Outbox, stopAtFailure: Bool) throws -> [String] {
        guard !commands.list.isEmpty else { return [] }
        let done = try outbox.done(commands.logName)
        var failures = commands.list.compactMap { command in
            done[command.index].flatMap { $0 == 0 ? nil : "'\(command.command)' exited with \($0)" }
        }
        if stopAtFailure && !failures.isEmpty { return failures }
        let runner = context.actionRunner
        for command in commands.list where done[command.index] == nil {
            let result = runner.run(command, for: commands.deploy)
            try outbox.markDone(commands.logName, command.index, status: result.exitStatus)
            results.append(result)
            try context.reach(commands.deploy.afterRollback ? .rerunRan(command.index) : .actionRan(command.index))
            if !result.succeeded {
                failures.append(
                    "\(command.retry ? "pending " : "")'\(result.command)' "
                        + (result.timedOut ? "timed out" : "exited with \(result.exitStatus)"))
                if stopAtFailure { break }
            }
        }
        return failures
    }

    /// Records in the pending file what `commands` did, from their done log: one that
    /// failed is pending (until a later run succeeds), one that succeeded no longer is.
    /// Idempotent, as a recovery may do it again.
    private func settlePending(_ commands: Commands, in outbox: Outbox) throws {
        guard !commands.list.isEmpty else { return }
        let stateDirectory = try context.openStateDirectory()
        let pending = try PendingFile.load(from: stateDirectory)
        let settled = PendingFile.settled(
            pending, after: commands.list, statuses: try outbox.done(commands.logName),
            deployID: commands.deploy.deployID, at: Clock.epochSeconds())
        if settled != pending { try PendingFile.save(settled, in: stateDirectory) }
    }

    private func removeOutboxFile(_ name: String, in outbox: Outbox) throws {
        guard try outbox.directory.status(name) != nil else { return }
        try outbox.remove(name)
        try context.reach(.outboxRemoved)
    }

    private func describe(_ failures: [String]) -> String {
        failures.joined(separator: ", ")
    }

    // MARK: Shared

    /// Makes the entries of each directory holding a changed file durable: an fsync each, or
    /// one syncfs per file system when there are many (see `ApplyEngine.Durability`).
    private func syncDirectories(_ journal: Journal, root: Directory) throws {
        let parents = Set(journal.entries.filter { $0.operation != .keep }.map { ManagedPath(unchecked: $0.path).parent })
            .sorted { $0.lexicographicallyPrecedes($1) }
        let fsyncEach = context.options.usesFsync(count: parents.count)
        var walker = DirectoryWalker(root: root)
        var oneDirectoryPerDevice = [UInt64: Directory]()
        for parent in parents {
            guard let directory = try walker.open(parent) else { continue }
            if fsyncEach {
                try directory.sync()
            } else {
                let device = try directory.status().device
                if oneDirectoryPerDevice[device] == nil { oneDirectoryPerDevice[device] = directory }
            }
        }
        for directory in oneDirectoryPerDevice.values { _ = try directory.syncFileSystem() }
    }

    /// Removes the old versions kept for a rollback.
    private func removeOldFiles(_ journal: Journal, root: Directory) throws {
        var walker = DirectoryWalker(root: root)
        let kept = journal.entries.filter { $0.operation == .remove || ($0.operation == .write && $0.hadOld) }
        for group in kept.groupedByDirectory(path: { $0.path }) {
            guard let directory = try walker.open(group.directory) else { continue }
            for entry in group.elements { try directory.remove(ScratchNames.old(journal.deployID, entry.index)) }
        }
    }

    private func markFailed(_ deployID: String) throws {
        guard state.lastDeploy?.deployID == deployID else { return }
        try save(paths: []) { $0.lastDeploy?.status = .failed }
    }

    /// Changes the state with `body` and makes it durable; `paths` are the manifest entries
    /// `body` changes.
    private func save(paths: [String], _ body: (inout NodeState) -> Void) throws {
        try cell.change(paths: paths, body) { next in
            try context.stateStore.save(next, paths: paths, in: context.openStateDirectory())
        }
    }
}

extension JournalRunner.Commands {
    /// The commands of outbox file `file`, stored as `name`.
    init(_ file: OutboxFile, name: String) {
        self.init(
            list: file.commands, logName: name,
            deploy: ActionRunner.Deploy(deployID: file.deployID, commit: file.commit, afterRollback: file.phase == .rollback))
    }
}
