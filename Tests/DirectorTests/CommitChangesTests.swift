import Foundation
import GitStore
import Testing
@testable import Director

/// The tree-diff path deploys use gives what comparing whole trees gives.
@Suite struct CommitChangesTests {
    @Test func treeDiffAgreesWithWholeTrees() throws {
        let root = try LiveRoot(files: ["/srv/conf/a.conf": "a\n", "/srv/conf/b.conf": "b\n", "/srv/conf/sub/c.conf": "c\n"])
        var commits = [try root.commit("first")]
        try root.write("/srv/conf/a.conf", "a2\n")
        commits.append(try root.commit("content"))
        try root.chmod("/srv/conf/b.conf", 0o600)
        commits.append(try root.commit("mode only"))
        try root.remove("/srv/conf/sub/c.conf")
        try root.write("/srv/conf/new/d.conf", "d\n")
        commits.append(try root.commit("delete and add"))
        for (i, old) in ([nil] + commits.map(Optional.some)).enumerated() {
            for new in commits.dropFirst(max(0, i - 1)) {
                let expected = try root.director.tree(of: old).changes(to: root.director.tree(of: new))
                #expect(try root.director.changes(from: old, to: new) == expected, "\(old?.summary ?? "empty") -> \(new.summary)")
            }
        }
        let modeOnly = try root.director.changes(from: commits[1], to: commits[2])
        #expect(modeOnly.map(\.summary) == ["T /srv/conf/b.conf  (0644 root:root -> 0600 root:root)"])
    }

    /// Right after a commit, its own changes answer for it (sync's deploy asks at once); they
    /// must be what the trees say.
    @Test func aCommitsOwnChangesAgreeWithItsTrees() throws {
        let root = try LiveRoot(files: ["/srv/conf/a.conf": "a\n", "/srv/conf/b.conf": "b\n"])
        var parent: Commit? = nil
        let edits: [(String, (LiveRoot) throws -> Void)] = [
            ("first", { _ in }),
            ("content", { try $0.write("/srv/conf/a.conf", "a2\n") }),
            ("mode only", { try $0.chmod("/srv/conf/b.conf", 0o600) }),
            ("delete and add", { try $0.remove("/srv/conf/a.conf"); try $0.write("/srv/conf/n/d.conf", "d\n") }),
        ]
        for (message, edit) in edits {
            try edit(root)
            let result = try root.director.commit(message: message, author: LiveRoot.author)
            guard case .committed(let commit, let changes) = result.outcome else {
                Issue.record("\(message): not committed")
                return
            }
            let expected = try root.director.tree(of: parent).changes(to: root.director.tree(of: commit))
            #expect(changes == expected, "\(message): the commit's own changes")
            #expect(try root.director.changes(from: parent, to: commit) == expected, "\(message)")
            parent = commit
        }
    }
}
