import ClusterConfig
import Diagnostics
import Foundation
import GitStore
import Posix
import Validation

/// The repository on a director: the git store, its settings, and the live root whose
/// managed files it snapshots. Every confsync command on a director starts here.
public final class DirectorRepository {
    /// The branch every commit goes to.
    public static let branch = "refs/heads/main"

    public let path: String
    public let root: String
    public let settings: RepositorySettings
    public let repository: Repository
    /// Loads and saves of the stat cache and the live base, off the path of the command that scans.
    let background = BackgroundWork()
    /// The stat cache `prefetchStatCache` loaded, until the scan takes it.
    private let prefetched = Handoff<StatCache>()

    private init(path: String, root: String, settings: RepositorySettings, repository: Repository) {
        self.path = path
        self.root = root
        self.settings = settings
        self.repository = repository
    }

    deinit {
        background.wait()
    }

    /// Starts loading the stat cache on another thread, for a command about to scan (the
    /// load of a 10,000-file cache then overlaps reading the cluster file and connecting).
    /// A cache saved by another process meanwhile is harmless: entries are checked against
    /// each file's stat data, and the snapshot tree against the head's tree.
    public func prefetchStatCache() {
        let (path, prefetched) = (self.path, self.prefetched)
        background.run { prefetched.put(StatCache.load(repository: path)) }
    }

    /// The stat cache as the last scan left it (waiting for a save still under way): the
    /// prefetched one the first time, if any.
    func loadStatCache() -> StatCache {
        background.wait()
        return prefetched.take() ?? StatCache.load(repository: path)
    }

    /// Saves `scan`'s cache if it changed, on another thread: the command goes on (a `sync`
    /// deploys) meanwhile. Failing to save only costs rehashing on the next scan.
    func saveStatCache(of scan: LiveScan) {
        guard let cache = scan.changedCache else { return }
        let path = self.path
        background.run { try? cache.save(repository: path) }
    }

    /// Opens an existing confsync repository.
    public static func open(repository path: String, root: String) throws -> DirectorRepository {
        try requireDirectory(root, what: "root")
        let settings = try RepositorySettings.load(repository: path)
        let repository: Repository
        do {
            repository = try Repository.open(at: path)
        } catch {
            throw DirectorError(.notARepository, "\(path) is not a git repository: \(error)")
        }
        return DirectorRepository(path: path, root: root, settings: settings, repository: repository)
    }

    /// Creates a bare repository with its settings. Fails if one exists there already.
    public static func initialize(
        repository path: String, root: String, settings: RepositorySettings
    ) throws -> DirectorRepository {
        try requireDirectory(root, what: "root")
        if (try? RepositorySettings.load(repository: path)) != nil {
            throw DirectorError(.alreadyInitialized, "\(path) is already a confsync repository")
        }
        let repository = try Repository.create(at: path)
        _ = try DirectorError.translating { try Directory.openCreating(path + "/confsync", mode: 0o755) }
        try settings.save(repository: path)
        return DirectorRepository(path: path, root: root, settings: settings, repository: repository)
    }

    static func requireDirectory(_ path: String, what: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DirectorError(.rootMissing, "\(what) \(path) does not exist or is not a directory")
        }
    }

    // MARK: - Reading history

    /// The commit `main` points at, nil before the first commit.
    public func head() throws -> Commit? {
        guard let id = try repository.reference(Self.branch) else { return nil }
        return try repository.commit(id)
    }

    /// A revision as git spells it (`HEAD~2`, an abbreviated id, `main`).
    public func resolve(_ revision: String) throws -> Commit {
        do {
            return try repository.commit(repository.resolve(revision))
        } catch {
            throw DirectorError(.revisionNotFound, "unknown revision '\(revision)': \(error)")
        }
    }

    /// The managed files of `commit` (nil = the empty tree).
    public func tree(of commit: Commit?) throws -> ManagedTree {
        try ManagedTree.read(repository, tree: commit?.tree)
    }

    // MARK: - Live files

    /// The live cluster file parsed, with its diagnostics.
    public func liveCluster() throws -> (config: ClusterConfig, diagnostics: [Diagnostic]) {
        let live = RootPath.live(settings.clusterFile, root: root)
        guard let data = FileManager.default.contents(atPath: live) else {
            throw DirectorError(.clusterFileMissing, "cluster file \(live) does not exist")
        }
        let text = String(decoding: data, as: UTF8.self)
        return ClusterConfig.parse(text, path: live) { included in
            FileManager.default.contents(atPath: RootPath.live(included, root: self.root))
                .map { String(decoding: $0, as: UTF8.self) }
        }
    }

    // MARK: - Validation

    /// Validates a candidate tree as a whole (includes are looked up in it first).
    public func validate(_ tree: ManagedTree, options: Validator.Options = .init()) -> Validator.Report {
        Validator(root: root, clusterFile: settings.clusterFile, options: options)
            .validate(TreeCandidate(tree, repository: repository))
    }
}

extension DirectorRepository {
    /// Runs `body` holding the repository lock (commits and deploy records take it).
    public func withLock<T>(_ body: () throws -> T) throws -> T {
        let lock = try RepositoryLock(repository: path)
        defer { withExtendedLifetime(lock) {} }
        return try body()
    }
}
