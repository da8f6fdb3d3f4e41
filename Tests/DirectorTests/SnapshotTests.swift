import Foundation
import GitStore
import Testing
@testable import Director

/// `status` and `commit` answer from the stat cache when it vouches for the head's tree; they
/// must say exactly what reading the head's tree and hashing every file says.
@Suite struct SnapshotTests {
    static let files = ["/srv/conf/a.conf": "alpha\n", "/srv/conf/b.conf": "bravo\n", "/srv/conf/sub/c.conf": "charlie\n"]

    enum Edit: String, CaseIterable, Sendable {
        case none, modify, sameSizeMtimeRestored, chmod, delete, addInNewDirectory, deleteLastInDirectory
        case fileBecomesDirectory

        func apply(to root: LiveRoot) throws {
            switch self {
            case .none: return
            case .modify: try root.write("/srv/conf/a.conf", "alpha, longer\n")
            case .sameSizeMtimeRestored:
                var st = stat()
                guard lstat(root.live("/srv/conf/a.conf"), &st) == 0 else { throw TestFailure("lstat") }
                try root.write("/srv/conf/a.conf", "alphA\n")
                var times = [st.st_atim, st.st_mtim]
                guard utimensat(AT_FDCWD, root.live("/srv/conf/a.conf"), &times, 0) == 0 else { throw TestFailure("utimensat") }
            case .chmod: try root.chmod("/srv/conf/a.conf", 0o600)
            case .delete: try root.remove("/srv/conf/a.conf")
            case .addInNewDirectory: try root.write("/srv/conf/new/d.conf", "delta\n")
            case .deleteLastInDirectory: try root.remove("/srv/conf/sub/c.conf")
            case .fileBecomesDirectory:
                try root.remove("/srv/conf/b.conf")
                try root.write("/srv/conf/b.conf/x.conf", "x-ray\n")
            }
        }

        var expected: [String] {
            switch self {
            case .none: []
            case .modify, .sameSizeMtimeRestored: ["M /srv/conf/a.conf"]
            case .chmod: ["T /srv/conf/a.conf"]
            case .delete: ["D /srv/conf/a.conf"]
            case .addInNewDirectory: ["A /srv/conf/new/d.conf"]
            case .deleteLastInDirectory: ["D /srv/conf/sub/c.conf"]
            case .fileBecomesDirectory: ["D /srv/conf/b.conf", "A /srv/conf/b.conf/x.conf"]
            }
        }
    }

    func kinds(_ root: LiveRoot) throws -> [String] {
        try root.director.status().changes.map { "\($0.kind.rawValue) \($0.path)" }
    }

    /// The tree the stat cache vouches for: the head's after a commit, so the next scan
    /// compares with the cache instead of reading the head's tree.
    func cachedTree(_ root: LiveRoot) throws -> StatCache.SnapshotTree? {
        root.director.loadStatCache().snapshotTree
    }

    /// A prefetched cache serves one scan only: a later scan reads what the commit saved, not
    /// the copy loaded before it.
    @Test func prefetchedCacheServesTheNextScanOnly() throws {
        let root = try LiveRoot(files: Self.files)
        let first = try root.commit("first")
        root.director.prefetchStatCache()
        try root.write("/srv/conf/squid.conf", "http_port 3129\n")
        try root.age("/srv/conf/squid.conf")
        let second = try root.commit("second")
        #expect(try cachedTree(root) == StatCache.SnapshotTree(id: second.tree, isWritten: true))
        #expect(second.tree != first.tree)
        #expect(try root.status() == [])
    }

    @Test(arguments: Edit.allCases)
    func statusAgreesWithAFullComparison(_ edit: Edit) throws {
        let root = try LiveRoot(files: Self.files)
        let first = try root.commit("first")
        #expect(try cachedTree(root) == StatCache.SnapshotTree(id: first.tree, isWritten: true))
        #expect(try kinds(root) == [])
        try edit.apply(to: root)
        let fromCache = try root.director.status().changes
        #expect(fromCache.map { "\($0.kind.rawValue) \($0.path)" } == edit.expected)
        #expect(try root.director.status().changes == fromCache)
        try root.dropCache()
        #expect(try root.director.status().changes == fromCache)
    }

    @Test(arguments: Edit.allCases)
    func commitWritesTheTreeAWholeWriteWould(_ edit: Edit) throws {
        let root = try LiveRoot(files: Self.files)
        let first = try root.commit("first")
        try edit.apply(to: root)
        #expect(try root.director.scanLive().scan?.canUpdate(headTree: first.tree) == true)
        let result = try root.director.commit(message: "edit", author: LiveRoot.author)
        switch result.outcome {
        case .nothingToCommit:
            #expect(edit.expected.isEmpty)
        case .committed(let commit, let changes):
            #expect(changes.map { "\($0.kind.rawValue) \($0.path)" } == edit.expected)
            let files = try root.director.tree(of: commit)
            #expect(try files.write(to: root.director.repository) == commit.tree)
            #expect(files == (try root.director.snapshotLive().tree))
        case .invalid:
            Issue.record("invalid: \(result.diagnostics)")
        }
        #expect(try kinds(root) == [])
        #expect(try root.director.commit(message: "again", author: LiveRoot.author).outcome.isNothingToCommit)
    }

    @Test func headMovedElsewhereIsReadAgain() throws {
        let root = try LiveRoot(files: Self.files)
        let first = try root.commit("first")
        try root.write("/srv/conf/a.conf", "alpha 2\n")
        try root.commit("second")
        _ = try root.director.rollback(to: first.id.hex, author: LiveRoot.author)
        #expect(try cachedTree(root)?.id != first.tree)
        #expect(try kinds(root) == ["M /srv/conf/a.conf"])
        // The live a.conf is still as of "second" (the rollback did not --apply): a plain
        // commit refuses to undo the rollback, a forced one commits it again.
        #expect(throws: DirectorError.self) { try root.director.commit(message: "third", author: LiveRoot.author) }
        let forced = try root.director.commit(message: "third", author: LiveRoot.author, force: true)
        guard case .committed(let third, _) = forced.outcome else {
            Issue.record("expected a commit, got \(forced.outcome)")
            return
        }
        #expect(try root.director.tree(of: third).write(to: root.director.repository) == third.tree)
        #expect(try kinds(root) == [])
        #expect(try cachedTree(root) == StatCache.SnapshotTree(id: third.tree, isWritten: true))
    }

    @Test func comparingWithTheHeadTeachesTheCacheItsTree() throws {
        let root = try LiveRoot(files: Self.files)
        let first = try root.commit("first")
        try root.dropCache()
        #expect(try kinds(root) == [])
        #expect(try cachedTree(root) == StatCache.SnapshotTree(id: first.tree, isWritten: false))
        try root.write("/srv/conf/a.conf", "alpha 2\n")
        // Same files as the head's tree, but not known to be written by this cache: whole write.
        #expect(try root.director.scanLive().scan?.canUpdate(headTree: first.tree) == false)
        let second = try root.commit("second")
        #expect(try root.director.tree(of: second).write(to: root.director.repository) == second.tree)
    }

    @Test func unchangedScanLeavesTheCacheFileAlone() throws {
        let root = try LiveRoot(files: Self.files)
        try root.commit("first")
        _ = try root.status()
        root.director.background.wait()
        let cacheFile = StatCache.path(in: root.director.path)
        let before = try #require(try FileManager.default.attributesOfItem(atPath: cacheFile)[.systemFileNumber] as? Int)
        #expect(try root.status() == [])
        _ = try root.director.commit(message: "nothing", author: LiveRoot.author)
        root.director.background.wait()
        let after = try #require(try FileManager.default.attributesOfItem(atPath: cacheFile)[.systemFileNumber] as? Int)
        #expect(before == after)
    }

    @Test func fileNotOlderThanItsScanIsHashedAgain() throws {
        let root = try LiveRoot(files: Self.files)
        try root.commit("first")
        #expect(try root.director.scanLive().scan?.entriesChanged == false)
        // An mtime in the future stays "not older than the scan": never trusted from the cache.
        var times = [timespec(tv_sec: time(nil) + 3600, tv_nsec: 0), timespec(tv_sec: time(nil) + 3600, tv_nsec: 0)]
        #expect(utimensat(AT_FDCWD, root.live("/srv/conf/a.conf"), &times, 0) == 0)
        _ = try root.status()
        let scan = try #require(try root.director.scanLive().scan)
        #expect(scan.entriesChanged)
        #expect(scan.changesSincePrevious.isEmpty)
    }
}

extension CommitOutcome {
    var isNothingToCommit: Bool {
        if case .nothingToCommit = self { return true }
        return false
    }
}
