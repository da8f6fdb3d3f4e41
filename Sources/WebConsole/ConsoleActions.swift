import Deploy
import Diagnostics
import Director
import Foundation
import GitStore
import Operations
import Posix
import Service
import Validation

/// What the console asks of the core, as values for the pages. Each call opens the
/// repository afresh (the repository is the truth) and blocks: call it through `blocking`.
struct ConsoleActions: Sendable {
    let repository: String
    let root: String
    /// The service's node connections and what it knows of the nodes, when the console runs
    /// in the service (`confsync serve --web`).
    var warm: SharedWarmState?
    /// What the history pages read again and again (one per console).
    var memo: HistoryMemo

    func open() throws -> DirectorRepository {
        try DirectorRepository.open(repository: repository, root: root)
    }

    struct Overview: Sendable {
        var status: StatusResult
        var diff: String
        var nodes: [NodeStatus]
    }

    func overview() throws -> Overview {
        let director = try open()
        let operations = DirectorOperations(director)
        let status = try operations.status()
        let diff = status.isClean || status.head == nil ? "" : (try? operations.diff(DiffRequest()).diff) ?? ""
        let nodes = (try? NodeInspector(director: director, nodes: []).inspect(drift: true, warm: warm?.sessions)) ?? []
        return Overview(status: status, diff: diff, nodes: nodes)
    }

    func log(_ query: LogQuery) throws -> [LogEntry] {
        let entries = try DirectorOperations(try open()).log(LogRequest(path: LogRequest.path(named: query.path), withChanges: false))
        let filtered = query.author.isEmpty
            ? entries : entries.filter { $0.commit.author.localizedCaseInsensitiveContains(query.author) }
        return Array(filtered.dropFirst(query.page * LogQuery.pageSize).prefix(LogQuery.pageSize + 1))
    }

    func show(_ revision: String) throws -> ShowResult {
        try DirectorOperations(try open()).show(revision)
    }

    /// The audit timeline, newest first, as `confsync audit` lists it (oldest first there).
    func audit(_ request: AuditRequest) throws -> [AuditEvent] {
        try DirectorOperations(try open()).audit(request, memo: memo).reversed()
    }

    func blame(_ path: String, at revision: String) throws -> [BlameEntry] {
        try DirectorOperations(try open()).blame(path, at: revision)
    }

    /// A managed file at a commit, as text.
    func file(_ path: String, at revision: String) throws -> String {
        guard let bytes = try DirectorOperations(try open()).file(path, at: revision) else {
            throw ConsoleError("\(path) is not in commit \(revision)")
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Managed files: those of the last commit and those the live files add.
    func managedPaths() throws -> [ManagedPath] {
        let director = try open()
        let committed = try director.tree(of: try director.head()).paths
        let added = try director.status().changes.map(\.path)
        return Array(Set(committed + added)).sorted()
    }

    /// `path` as one of the managed files; refused for any other path.
    private func managedFile(_ path: String) throws -> ManagedPath {
        guard let managed = try? ManagedPath(managed: path), try managedPaths().contains(managed) else {
            throw ConsoleError("\(path) is not a managed file of this director")
        }
        return managed
    }

    struct EditableFile: Sendable {
        var path: String
        var content: String
    }

    /// A managed file's live content, for the editor; refused for any other path.
    func editable(_ path: String) throws -> EditableFile {
        let live = try managedFile(path).live(root: root)
        guard let data = FileManager.default.contents(atPath: live) else {
            throw ConsoleError("cannot read \(live)")
        }
        return EditableFile(path: path, content: String(decoding: data, as: UTF8.self))
    }

    /// Saves a managed file's live content (atomically, with its owner and mode), then
    /// validates the live files as a commit would: the findings for every file.
    func save(_ path: String, content: String) throws -> (EditableFile, [Diagnostic]) {
        let live = try managedFile(path).live(root: root)
        try LiveFile.replace(live, with: Array(content.utf8))
        let result = try DirectorOperations(try open()).validate(ValidateRequest())
        return (EditableFile(path: path, content: content), result.diagnostics)
    }

    /// What a commit, revert or rollback did.
    struct CommitOutcome: Sendable {
        var commit: CommitSummary?
        var diagnostics: [Diagnostic]
        var headline: String
    }

    /// Commits the live files as `user`; `allowWeakened` makes weakenings warnings, as
    /// `commit --allow-weakened` does.
    func commit(message: String, user: String, allowWeakened: Bool = false) throws -> CommitOutcome {
        var validation = Validator.Options()
        validation.allowWeakened = allowWeakened
        let operations = DirectorOperations(try open())
        let request = CommitRequest(message: message, author: Signature.localUser(user), validation: validation)
        let result = try warm?.commit(operations, request) ?? operations.commit(request)
        return Self.outcome(result)
    }

    /// Undoing one commit, or going back to one.
    enum Restore: String, CaseIterable, Sendable {
        case revert, rollback

        var pastTense: String { self == .revert ? "reverted" : "rolled back to" }
    }

    /// A revert or rollback as a new commit, written to the live files too (refused while
    /// they hold uncommitted edits): `confsync revert --apply`, `confsync rollback --apply`.
    func restore(_ kind: Restore, _ revision: String, user: String) throws -> CommitOutcome {
        let operations = DirectorOperations(try open())
        let author = Signature.localUser(user)
        let restored = try operations.restore(apply: true, force: false) {
            switch kind {
            case .revert: try operations.revert(revision, author: author)
            case .rollback: try operations.rollback(to: revision, author: author)
            }
        }
        return Self.outcome(restored.commit)
    }

    /// Deploys `commit` (a full commit id: the one a preview showed), else HEAD, or plans
    /// it; under the deploy lock like the command line.
    func deploy(
        user: String, dryRun: Bool, commit: String? = nil, progress: @escaping @Sendable (DeployProgress) -> Void = { _ in }
    ) throws -> DeployReport {
        var options = DeployOptions(user: user)
        options.dryRun = dryRun
        if let commit { options.revision = commit }
        let report = try DirectorOperations(try open()).deploy(options, warm: warm?.sessions, progress: progress)
        if !dryRun { warm?.deployed(report, toEveryNodeOfHead: true) }
        return report
    }

    static func outcome(_ result: CommitResult) -> CommitOutcome {
        switch result.outcome {
        case .committed(let commit, _):
            let summary = CommitSummary(commit)
            return CommitOutcome(commit: summary, diagnostics: result.diagnostics, headline: "committed \(summary.shortID)")
        case .nothingToCommit:
            return CommitOutcome(commit: nil, diagnostics: result.diagnostics, headline: "nothing to commit")
        case .invalid:
            return CommitOutcome(commit: nil, diagnostics: result.diagnostics, headline: "refused: the configuration is invalid")
        }
    }
}

/// The history page's filters and page.
struct LogQuery: Sendable {
    static let pageSize = 50
    var path: String
    var author: String
    var page: Int

    init(path: String = "", author: String = "", page: Int = 0) {
        self.path = path
        self.author = author
        self.page = page
    }
}

struct ConsoleError: Error, CustomStringConvertible, Sendable {
    let description: String
    init(_ description: String) { self.description = description }
}
