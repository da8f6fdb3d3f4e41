import Posix

/// Steps 1 to 3 of an apply: checks paths, content, accounts and drift against the live
/// files, and decides what to do with each change. Writes nothing.
struct Planner {
    enum Decision {
        case plan(Plan)
        /// Refused or failed; nothing was written.
        case report(ApplyReport)
    }

    let context: EngineContext
    let state: NodeState

    func plan(_ request: ApplyRequest) throws -> Decision {
        try Self.checkDeployID(request.deployID)
        if !request.force && request.fromCommit != state.commit {
            return refused(
                [],
                "the node is at commit \(state.commit ?? "none"), the deploy is from \(request.fromCommit ?? "none")")
        }
        let refusals = checkPaths(request) + checkContent(request.changes, hashing: !request.contentMatchesBlobIDs)
        guard refusals.isEmpty else { return refused(refusals, "\(refusals.count) change(s) refused") }
        let survey = try surveyLiveFiles(request.changes)
        guard survey.refusals.isEmpty else {
            return refused(survey.refusals, "\(survey.refusals.count) change(s) refused")
        }
        var accounts = Accounts()
        let failures = checkAccounts(request.changes, accounts: &accounts)
        guard failures.isEmpty else {
            return .report(
                ApplyReport(
                    status: .failed, commit: state.commit, files: failures, actions: [],
                    message: "\(failures.count) file(s) name an unknown owner or group; nothing applied"))
        }
        return decideAll(request, survey: survey, accounts: &accounts)
    }

    /// The live files at the changed paths, and the directories that do not exist yet.
    private struct Survey {
        var lives: [LiveFile?]
        var directoriesToCreate: [String]
        /// Symlinked or non-directory parents, directories as targets.
        var refusals: [FileOutcome]
    }

    /// Step 1, the file-system part: walks to every parent (refusing symlinks) and looks at each target.
    private func surveyLiveFiles(_ changes: [FileChange]) throws -> Survey {
        var walker = DirectoryWalker(root: try context.openRoot())
        var survey = Survey(lives: Array(repeating: nil, count: changes.count), directoriesToCreate: [], refusals: [])
        var missing = Set<String>()
        for group in changes.indices.groupedByDirectory(path: { changes[$0].path }) {
            do {
                guard let directory = try walker.open(group.directory) else {
                    let parent = group.directory
                    missing.formUnion((walker.depth..<parent.count).map { "/" + parent[...$0].joined(separator: "/") })
                    continue
                }
                for index in group.elements {
                    let live = try LiveFile.inspect(directory, ManagedPath(unchecked: changes[index].path).name)
                    if live?.status.kind == .directory {
                        survey.refusals.append(
                            FileOutcome(path: changes[index].path, status: .refused, message: "is a directory"))
                    }
                    survey.lives[index] = live
                }
            } catch let refusal where AgentError.from(refusal)?.code == .pathRefused {
                let message = AgentError.from(refusal)?.message ?? "\(refusal)"
                survey.refusals += group.elements.map {
                    FileOutcome(path: changes[$0].path, status: .refused, message: message)
                }
            }
        }
        survey.directoriesToCreate = sortedOutermostFirst(missing)
        return survey
    }

    /// Owners and groups of puts must resolve on this node (a symbolic link's are not applied).
    private func checkAccounts(_ changes: [FileChange], accounts: inout Accounts) -> [FileOutcome] {
        var failures = [FileOutcome]()
        for change in changes where change.kind == .put && !ManifestEntry.isSymlink(change.mode) {
            if accounts.uid(change.owner) == nil {
                failures.append(
                    FileOutcome(path: change.path, status: .failed, message: "unknown owner '\(change.owner)'"))
            } else if accounts.gid(change.group) == nil {
                failures.append(
                    FileOutcome(path: change.path, status: .failed, message: "unknown group '\(change.group)'"))
            }
        }
        return failures
    }

    /// Step 3 for every change; refused when content is missing, or on drift unless forced.
    private func decideAll(_ request: ApplyRequest, survey: Survey, accounts: inout Accounts) -> Decision {
        var plan = Plan(files: [], directoriesToCreate: survey.directoriesToCreate, commands: [], outcomes: [])
        var refusals = [FileOutcome]()
        var drifted = [FileOutcome]()
        for (index, change) in request.changes.enumerated() {
            let live = survey.lives[index]
            switch decide(change, index: index, live: live, accounts: &accounts) {
            case .refused(let outcome):
                refusals.append(outcome)
            case .planned(let file, var outcome, let drift):
                if let drift {
                    drifted.append(
                        FileOutcome(path: change.path, status: .drifted, message: drift, driftedContent: live?.content))
                    outcome.message = "\(drift); overwritten (forced)"
                    outcome.driftedContent = live?.content
                }
                plan.files.append(file)
                plan.outcomes.append(outcome)
            }
        }
        if !refusals.isEmpty || (!drifted.isEmpty && !request.force) {
            let reason = refusals.isEmpty ? "\(drifted.count) file(s) drifted" : "\(refusals.count) change(s) refused"
            return refused(refusals + drifted, reason)
        }
        plan.commands = commands(request.actions, files: plan.files)
        plan.verifications = verifications(request.actions, files: plan.files, deployID: request.deployID)
        return .plan(plan)
    }

    /// A deploy id names temp files: 1 to 64 letters, digits, '.', '_' or '-'.
    static func checkDeployID(_ deployID: String) throws {
        let valid =
            (1...64).contains(deployID.utf8.count)
            && deployID.utf8.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
                    return true
                default:
                    return false
                }
            }
        guard valid else { throw AgentError(.invalidRequest, "deploy id '\(deployID)' is not 1-64 of [A-Za-z0-9._-]") }
    }

    /// The report says the first refusal's path and reason in its message too, so that a
    /// one-line summary of the deploy names them.
    private func refused(_ outcomes: [FileOutcome], _ reason: String) -> Decision {
        var message = "refused: \(reason)"
        if let first = outcomes.first {
            message += outcomes.count == 1 ? " (" : " (first: "
            message += first.message.isEmpty ? "\(first.path))" : "\(first.path) \(first.message))"
        }
        if let unknown = state.unknown { message += "; this node's state is unknown (\(unknown.reason))" }
        return .report(
            ApplyReport(status: .refused, commit: state.commit, files: outcomes, actions: [], message: message))
    }

    /// Syntax of paths and logfiles, duplicates, and a path that is another's parent directory.
    private func checkPaths(_ request: ApplyRequest) -> [FileOutcome] {
        var refusals = [FileOutcome]()
        var seen = Set<String>()
        for change in request.changes {
            if let problem = PathRules.problem(change.path, stateDirectoryUnderRoot: context.stateDirectoryUnderRoot) {
                refusals.append(FileOutcome(path: change.path, status: .refused, message: "path \(problem)"))
            } else if !seen.insert(change.path).inserted {
                refusals.append(FileOutcome(path: change.path, status: .refused, message: "path appears twice"))
            }
        }
        for path in Self.someDirectoryIsAPath(seen) ? seen.sorted() : [] {
            var parent = ManagedPath(unchecked: path).parentPath
            while parent != "/" {
                if seen.contains(parent) {
                    refusals.append(
                        FileOutcome(path: parent, status: .refused, message: "path is also the directory of \(path)"))
                }
                parent = ManagedPath(unchecked: parent).parentPath
            }
        }
        for action in request.actions {
            if let logfile = action.logfile,
                let problem = PathRules.problem(logfile, stateDirectoryUnderRoot: context.stateDirectoryUnderRoot)
            {
                refusals.append(
                    FileOutcome(path: logfile, status: .refused, message: "logfile of '\(action.pattern)' \(problem)"))
            }
        }
        return refusals
    }

    /// Whether one of `paths` (valid, absolute) is the directory of another. Each directory
    /// is seen once (a walk up stops at one already seen), so this is linear in the paths,
    /// where naming the offending pairs is not; it runs only when this says there are some.
    static func someDirectoryIsAPath(_ paths: Set<String>) -> Bool {
        var directories = Set<Substring>()
        for path in paths {
            var end = path.endIndex
            while let slash = path[..<end].utf8.lastIndex(of: UInt8(ascii: "/")), slash != path.startIndex {
                guard directories.insert(path[..<slash]).inserted else { break }
                end = slash
            }
        }
        return directories.contains { paths.contains(String($0)) }
    }

    /// Step 2: every put has a blob id, a permission-only mode (or a symbolic link's), and
    /// content matching the id (not hashed again when the server already did, `hashing` false).
    private func checkContent(_ changes: [FileChange], hashing: Bool) -> [FileOutcome] {
        var refusals = [FileOutcome]()
        for change in changes where change.kind == .put {
            guard let blobID = change.blobID else {
                refusals.append(FileOutcome(path: change.path, status: .refused, message: "put without a blob id"))
                continue
            }
            if change.mode & ~0o7777 != 0 && !ManifestEntry.isSymlink(change.mode) {
                refusals.append(
                    FileOutcome(
                        path: change.path, status: .refused,
                        message: "mode \(String(change.mode, radix: 8)) has more than permission bits"))
            } else if hashing, let content = change.content, BlobID.of(content) != blobID {
                refusals.append(
                    FileOutcome(
                        path: change.path, status: .refused,
                        message: "content does not match blob id \(blobID) (it hashes to \(BlobID.of(content)))"))
            }
        }
        return refusals
    }

    private enum ChangeDecision {
        case refused(FileOutcome)
        /// The file, its outcome on success, and the drift found (when forced past it).
        case planned(PlannedFile, FileOutcome, drift: String?)
    }

    /// Step 3 for one change: unchanged, drifted, or what to write.
    private func decide(_ change: FileChange, index: Int, live: LiveFile?, accounts: inout Accounts) -> ChangeDecision {
        let location = ManagedPath(unchecked: change.path)
        let old = state.manifest[change.path]
        var file = PlannedFile(
            index: index, location: location, operation: .keep, content: [], mode: change.mode,
            uid: accounts.uid(change.owner) ?? 0, gid: accounts.gid(change.group) ?? 0, hadOld: live != nil, new: nil,
            old: old)
        switch change.kind {
        case .delete:
            guard live != nil else {
                return .planned(
                    file, FileOutcome(path: change.path, status: .unchanged, message: "already absent"), drift: nil)
            }
            file.operation = .remove
            let drift = driftProblem(change, live: live, entry: old, accounts: &accounts)
            return .planned(file, FileOutcome(path: change.path, status: .deleted), drift: drift)
        case .put:
            let blobID = change.blobID ?? ""
            file.new = ManifestEntry(
                path: change.path, blobID: blobID, mode: file.mode, owner: change.owner, group: change.group)
            if let live,
                live.matches(
                    blobID: blobID, mode: file.mode, owner: change.owner, group: change.group, accounts: &accounts)
            {
                return .planned(file, FileOutcome(path: change.path, status: .unchanged), drift: nil)
            }
            guard let content = change.content ?? (live?.blobID == blobID ? live?.content : nil) else {
                return .refused(
                    FileOutcome(
                        path: change.path, status: .refused,
                        message: "no content sent and the live file does not have blob \(blobID)"))
            }
            file.operation = .write
            file.content = content
            let drift = driftProblem(change, live: live, entry: old, accounts: &accounts)
            return .planned(file, FileOutcome(path: change.path, status: .written), drift: drift)
        }
    }

    /// How the live file differs from what the change expects (content from the change,
    /// attributes from the manifest); nil when it does not.
    private func driftProblem(
        _ change: FileChange, live: LiveFile?, entry: ManifestEntry?, accounts: inout Accounts
    ) -> String? {
        guard let expected = change.expectedOldBlobID else {
            guard let live else { return nil }
            guard let unknown = state.unknown else { return "exists but should not" }
            // Not the target (that is `unchanged`): a version recorded here is ours to replace.
            let recorded = unknown.recorded[change.path] ?? []
            if recorded.contains(where: { live.matches($0, accounts: &accounts) }) { return nil }
            return recorded.isEmpty
                ? "exists, is not the target, and this node's state is unknown"
                : "is neither the target nor a version this node recorded deploying (its state is unknown)"
        }
        guard let live else { return "is missing (expected blob \(expected))" }
        // The kind the manifest says is there; a path it does not know is expected to be a file.
        let expectedMode = entry?.mode ?? 0o644
        guard live.isKind(of: expectedMode), let blobID = live.blobID else {
            return ManifestEntry.isSymlink(expectedMode) ? "is not a symbolic link" : "is not a regular file"
        }
        guard blobID == expected else { return "has blob \(blobID), expected \(expected)" }
        guard let entry, !live.matches(entry, accounts: &accounts) else { return nil }
        let mode = String(live.status.mode, radix: 8)
        let owner = "\(accounts.userName(live.status.uid)):\(accounts.groupName(live.status.gid))"
        return "has mode \(mode) owner \(owner), expected \(String(entry.mode, radix: 8)) \(entry.owner):\(entry.group)"
    }

    /// The commands of actions whose paths were actually written or deleted, numbered in order.
    private func commands(_ actions: [ActionRequest], files: [PlannedFile]) -> [OutboxCommand] {
        guard !actions.isEmpty else { return [] }
        let changed = Set(files.lazy.filter { $0.operation != .keep }.map(\.location.managed))
        var commands = [OutboxCommand]()
        for action in actions {
            var seen = Set<String>()
            let paths = action.paths.filter { changed.contains($0) && seen.insert($0).inserted }
            guard !paths.isEmpty else { continue }
            for command in action.commands {
                commands.append(
                    OutboxCommand(
                        index: commands.count, pattern: action.pattern, logfile: action.logfile, command: command,
                        paths: paths, timeoutMillis: action.timeoutMillis))
            }
        }
        return commands
    }

    /// The `verify` commands of actions, one per action that has new files to check (written
    /// regular files, not links or deletes), with the staged copies as paths.
    private func verifications(_ actions: [ActionRequest], files: [PlannedFile], deployID: String) -> [OutboxCommand] {
        guard actions.contains(where: { $0.verify != nil }) else { return [] }
        let staged = Dictionary(
            files.filter { $0.operation == .write && !ManifestEntry.isSymlink($0.mode) }.map {
                ($0.location.managed, "/" + ($0.location.parent + [ScratchNames.temp(deployID, $0.index)]).joined(separator: "/"))
            }, uniquingKeysWith: { first, _ in first })
        var verifications = [OutboxCommand]()
        for action in actions {
            guard let verify = action.verify else { continue }
            var seen = Set<String>()
            let paths = action.paths.compactMap { staged[$0] }.filter { seen.insert($0).inserted }
            guard !paths.isEmpty else { continue }
            verifications.append(
                OutboxCommand(
                    index: verifications.count, pattern: action.pattern, logfile: action.logfile, command: verify,
                    paths: paths, timeoutMillis: action.timeoutMillis))
        }
        return verifications
    }

    private func sortedOutermostFirst(_ directories: Set<String>) -> [String] {
        directories.sorted { lhs, rhs in
            let (left, right) = (
                lhs.utf8.count(where: { $0 == UInt8(ascii: "/") }), rhs.utf8.count(where: { $0 == UInt8(ascii: "/") })
            )
            return left == right ? lhs < rhs : left < right
        }
    }
}
