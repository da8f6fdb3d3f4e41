import Foundation
import GitStore
import Posix

/// The commit this director's live files were last in step with (after a commit, an
/// `--apply`, an adopt), kept in `<repo>/confsync/live-base`. Replication can move `main`
/// without touching the live files; this tells a later commit which live files are merely
/// stale (still as of that commit) rather than edited, so it does not undo newer commits.
extension DirectorRepository {
    var liveBasePath: String { path + "/confsync/live-base" }

    /// The recorded commit, nil if none (or it is unknown to this repository: one made on a
    /// director whose repository this no longer is). Throws for a file that holds no commit id
    /// (it is written whole, so only damage does that): without it, stale live files would
    /// read as edits, and committing them would undo newer commits.
    public func liveBase() throws -> Commit? {
        background.wait()
        guard let data = FileManager.default.contents(atPath: liveBasePath) else { return nil }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let id = try ObjectID(parsing: text, "the live base in \(liveBasePath)")
        return try? repository.commit(id)
    }

    /// Records that the live files are as of `commit`, durably, on another thread: a `sync`
    /// deploys meanwhile. `liveBase` waits for it.
    public func markLiveFiles(at commit: ObjectID) {
        let path = liveBasePath
        background.run {
            try? WholeFile.write(Array((commit.hex + "\n").utf8), to: path, mode: 0o644)
        }
    }

    /// Live files that are still as of the live base while `main` moved on for them: committing
    /// them would undo the newer commits.
    func stalePaths(live: ManagedTree, head: Commit?) throws -> [ManagedPath] {
        guard let head, let base = try liveBase(), base.id != head.id else { return [] }
        let baseTree = try tree(of: base)
        let headTree = try tree(of: head)
        return baseTree.changes(to: headTree).map(\.path).filter { live.files[$0] == baseTree.files[$0] }
    }
}
