import Foundation
import GitStore
import TestSupport
import Testing
@testable import Director

/// Updating a written tree in place gives the tree a whole write of the new files gives.
@Suite struct TreeUpdateTests {
    enum Case: String, CaseIterable, Sendable {
        case modify, chmodOnly, add, addInNewDirectory, delete, deleteLastInDirectory, fileBecomesDirectory
        case directoryBecomesFile, deleteAll, fromEmpty
    }

    func file(_ content: String, in repository: Repository, mode: UInt32 = 0o644) throws -> ManagedFile {
        ManagedFile(
            entry: TreeEntry(id: try repository.writeBlob(Array(content.utf8)), mode: mode & 0o111 != 0 ? .executable : .blob),
            attributes: FileAttributes(mode: mode, owner: "root", group: "proxy"))
    }

    func trees(_ test: Case, _ repository: Repository) throws -> (old: ManagedTree, new: ManagedTree) {
        var old = ManagedTree(files: [
            "/etc/a.conf": try file("a", in: repository), "/etc/sub/b.conf": try file("b", in: repository),
            "/srv/c": try file("c", in: repository, mode: 0o755),
        ])
        var new = old
        switch test {
        case .modify: new.files["/etc/a.conf"] = try file("a2", in: repository)
        case .chmodOnly: new.files["/etc/a.conf"] = try file("a", in: repository, mode: 0o600)
        case .add: new.files["/etc/d.conf"] = try file("d", in: repository)
        case .addInNewDirectory: new.files["/etc/new/deep/d.conf"] = try file("d", in: repository)
        case .delete: new.files["/etc/a.conf"] = nil
        case .deleteLastInDirectory: new.files["/etc/sub/b.conf"] = nil
        case .fileBecomesDirectory:
            new.files["/etc/a.conf"] = nil
            new.files["/etc/a.conf/x"] = try file("x", in: repository)
        case .directoryBecomesFile:
            new.files["/etc/sub/b.conf"] = nil
            new.files["/etc/sub"] = try file("sub", in: repository)
        case .deleteAll: new = ManagedTree()
        case .fromEmpty: old = ManagedTree()
        }
        return (old, new)
    }

    @Test(arguments: Case.allCases)
    func updateEqualsWholeWrite(_ test: Case) throws {
        let scratch = try TemporaryDirectory(prefix: "treeupdate")
        defer { scratch.remove() }
        let repository = try Repository.create(at: scratch.path("repo.git"))
        let (old, new) = try trees(test, repository)
        let base = try old.write(to: repository)
        let updated = try new.write(updating: base, with: old.changes(to: new), to: repository)
        #expect(updated == (try new.write(to: repository)))
        #expect(try ManagedTree.read(repository, tree: updated) == new)
    }

    @Test func aFileAndADirectoryOfTheSameNameAreRefused() throws {
        let scratch = try TemporaryDirectory(prefix: "treeupdate")
        defer { scratch.remove() }
        let repository = try Repository.create(at: scratch.path("repo.git"))
        let old = ManagedTree(files: ["/etc/sub/b.conf": try file("b", in: repository)])
        let base = try old.write(to: repository)
        var new = old
        new.files["/etc/sub"] = try file("sub", in: repository)
        #expect(throws: GitError.self) { try new.write(to: repository) }
        #expect(throws: GitError.self) { try new.write(updating: base, with: old.changes(to: new), to: repository) }
    }
}
