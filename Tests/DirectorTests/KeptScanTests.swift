import Foundation
import GitStore
import Posix
import TestSupport
import Testing
@testable import Director

/// A scan that looks only at the changed paths (`KeptScan`, as the service's watch names
/// them) commits what a whole scan commits, and nothing it was not told about is looked at.
@Suite struct KeptScanTests {
    static func files(_ root: LiveRoot, _ commit: Commit) throws -> [ManagedPath: String] {
        try root.director.tree(of: commit).files.mapValues { "\($0.entry.id.hex) \($0.attributes.mode)" }
    }

    /// Commits with `changed` from `kept`; fails unless committed.
    @discardableResult
    static func commit(_ root: LiveRoot, kept: KeptScan, changed: Set<ManagedPath>?) throws -> CommitResult {
        try root.director.commit(message: "change", author: LiveRoot.author, kept: kept, changed: changed)
    }

    @Test func aScanOfTheChangedPathsCommitsWhatAWholeScanWould() throws {
        let root = try LiveRoot(files: [
            "/srv/conf/a.conf": "a\n", "/srv/conf/b.conf": "b\n", "/srv/conf/sub/c.conf": "c\n",
        ])
        let kept = KeptScan()
        try Self.commit(root, kept: kept, changed: nil)
        #expect(kept.isReady)

        // An edit, a new file, a deleted file, a mode change and a new directory, each named.
        try root.write("/srv/conf/a.conf", "a2\n")
        try root.write("/srv/conf/new.conf", "new\n")
        try root.remove("/srv/conf/b.conf")
        try root.chmod("/srv/conf/sub/c.conf", 0o600)
        try root.write("/srv/conf/dir/deep/d.conf", "d\n")
        for file in ["/srv/conf/a.conf", "/srv/conf/new.conf", "/srv/conf/sub/c.conf", "/srv/conf/dir/deep/d.conf"] {
            try root.age(file)
        }
        let result = try Self.commit(
            root, kept: kept,
            changed: ["/srv/conf/a.conf", "/srv/conf/new.conf", "/srv/conf/b.conf", "/srv/conf/sub/c.conf", "/srv/conf/dir"])
        guard case .committed(let commit, _) = result.outcome else {
            Issue.record("not committed: \(result.outcome)")
            return
        }
        // What a whole scan without the kept cache finds in the same files: nothing to commit.
        try root.dropCache()
        let whole = try root.director.commit(message: "again", author: LiveRoot.author)
        #expect("\(whole.outcome)" == "nothingToCommit", "\(whole.outcome)")
        #expect(try Self.files(root, commit).keys.sorted() == [
            "/etc/csync2.cfg", "/srv/conf/a.conf", "/srv/conf/dir/deep/d.conf", "/srv/conf/new.conf", "/srv/conf/sub/c.conf",
        ])
    }

    @Test func aDirectoryThatWentTakesItsFilesAlong() throws {
        let root = try LiveRoot(files: [
            "/srv/conf/a.conf": "a\n", "/srv/conf/sub/b.conf": "b\n", "/srv/conf/sub/deep/c.conf": "c\n",
        ])
        let kept = KeptScan()
        try Self.commit(root, kept: kept, changed: nil)
        try FileManager.default.removeItem(atPath: root.live("/srv/conf/sub"))
        // The watch names the directory only (its own events), not the files below it.
        let result = try Self.commit(root, kept: kept, changed: ["/srv/conf/sub"])
        guard case .committed(_, let changes) = result.outcome else {
            Issue.record("not committed: \(result.outcome)")
            return
        }
        #expect(changes.map(\.path) == ["/srv/conf/sub/b.conf", "/srv/conf/sub/deep/c.conf"])
        #expect(changes.allSatisfy { $0.new == nil })
    }

    @Test func aChangeNotNamedIsNotLookedAt() throws {
        let root = try LiveRoot(files: ["/srv/conf/a.conf": "a\n", "/srv/conf/b.conf": "b\n"])
        let kept = KeptScan()
        try Self.commit(root, kept: kept, changed: nil)
        // Both change, only b is named: a stays as the kept scan had it (that is the contract:
        // the caller's watch names every change), b is committed.
        try root.write("/srv/conf/a.conf", "a2\n")
        try root.write("/srv/conf/b.conf", "b2\n")
        try root.age("/srv/conf/a.conf")
        try root.age("/srv/conf/b.conf")
        let result = try Self.commit(root, kept: kept, changed: ["/srv/conf/b.conf"])
        guard case .committed(let commit, let changes) = result.outcome else {
            Issue.record("not committed: \(result.outcome)")
            return
        }
        #expect(changes.map(\.path) == ["/srv/conf/b.conf"])
        // The whole scan then finds a's change.
        let whole = try Self.commit(root, kept: kept, changed: nil)
        guard case .committed(_, let later) = whole.outcome else {
            Issue.record("a's change not found by the whole scan: \(whole.outcome)")
            return
        }
        #expect(later.map(\.path) == ["/srv/conf/a.conf"])
        #expect(try Self.files(root, commit).count == 3)
    }

    @Test func aRacilyCleanFileIsLookedAtAgainAndAnotherManagedSetScansEverything() throws {
        let root = try LiveRoot(files: ["/srv/conf/a.conf": "a\n"])
        let kept = KeptScan()
        // Stamped no earlier than the scan begins: racily clean in the kept cache. (A file
        // merely written "now" may get a stamp of the coarse clock's previous tick.) Then a
        // change of the same size and stamp, which only looking again can see.
        let future = time(nil) + 60
        try root.write("/srv/conf/racy.conf", "r1\n")
        try root.stamp("/srv/conf/racy.conf", at: future)
        try Self.commit(root, kept: kept, changed: nil)
        try root.write("/srv/conf/racy.conf", "r2\n")
        try root.stamp("/srv/conf/racy.conf", at: future)
        var result = try Self.commit(root, kept: kept, changed: [])
        guard case .committed(_, let changes) = result.outcome else {
            Issue.record("the racily clean file's change was missed: \(result.outcome)")
            return
        }
        #expect(changes.map(\.path) == ["/srv/conf/racy.conf"])

        // The cluster file now also manages /srv/more: a whole scan, though only the cluster
        // file is named.
        try root.write("/srv/more/m.conf", "m\n")
        try root.write(
            "/etc/csync2.cfg",
            "group test\n{\n\thost lvs-director1 (lvs-cache1);\n\tinclude /etc/csync2.cfg;\n\tinclude /srv/conf;\n\tinclude /srv/more;\n}\n")
        result = try Self.commit(root, kept: kept, changed: ["/etc/csync2.cfg"])
        guard case .committed(_, let more) = result.outcome else {
            Issue.record("not committed: \(result.outcome)")
            return
        }
        #expect(more.map(\.path) == ["/etc/csync2.cfg", "/srv/more/m.conf"])
    }
}
