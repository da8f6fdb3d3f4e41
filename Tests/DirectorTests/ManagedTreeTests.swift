import GitStore
import TestSupport
import Testing
@testable import Director

@Suite struct ManagedTreeTests {
    func file(_ hex: Character, mode: UInt32 = 0o644, owner: String = "root") throws -> ManagedFile {
        let id = try #require(ObjectID(hex: String(repeating: hex, count: 40)))
        return ManagedFile(entry: TreeEntry(id: id, mode: .blob), attributes: FileAttributes(mode: mode, owner: owner, group: "root"))
    }

    @Test func changesAreClassified() throws {
        let old = ManagedTree(files: ["/a": try file("1"), "/b": try file("2"), "/c": try file("3")])
        let new = ManagedTree(files: ["/a": try file("1", mode: 0o600), "/b": try file("4"), "/d": try file("5")])
        let changes = old.changes(to: new)
        #expect(changes.map(\.path) == ["/a", "/b", "/c", "/d"])
        #expect(changes.map(\.kind) == [.attributes, .modified, .deleted, .added])
        #expect(changes[0].summary == "T /a  (0644 root:root -> 0600 root:root)")
    }

    @Test func identicalTreesHaveNoChanges() throws {
        let tree = ManagedTree(files: ["/a": try file("1")])
        #expect(tree.changes(to: tree).isEmpty)
    }
}
