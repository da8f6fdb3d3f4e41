import Director
import GitStore
import Testing
@testable import Deploy

@Suite struct DeployPlannerTests {
    func file(_ hex: Character, mode: UInt32 = 0o644) throws -> ManagedFile {
        let id = try #require(ObjectID(hex: String(repeating: hex, count: 40)))
        return ManagedFile(entry: TreeEntry(id: id, mode: .blob), attributes: FileAttributes(mode: mode, owner: "root", group: "root"))
    }

    @Test func changesCarryWhatTheNodeShouldHaveNow() throws {
        let base = ManagedTree(files: ["/a": try file("1"), "/b": try file("2"), "/c": try file("3")])
        let target = ManagedTree(files: ["/a": try file("1"), "/b": try file("4"), "/d": try file("5"), "/c": try file("3", mode: 0o600)])
        var asked: [String] = []
        let plan = DeployPlanner.plan(base: base, target: target) { paths in
            asked = paths
            return [.init(pattern: "/b", commands: ["reload"], logfile: nil, paths: ["/b"])]
        }
        #expect(plan.changes.map(\.path) == ["/b", "/c", "/d"])
        #expect(plan.changes[0].old == base.files["/b"])
        #expect(plan.changes[0].new == target.files["/b"])
        #expect(plan.changes[2].old == nil, "a new file must not exist on the node yet")
        #expect(asked == ["/b", "/c", "/d"])
        #expect(plan.actions.map(\.commands) == [["reload"]])
    }

    @Test func deletionsAndNothingToDo() throws {
        let base = ManagedTree(files: ["/a": try file("1"), "/gone": try file("2")])
        let plan = DeployPlanner.plan(base: base, target: ManagedTree(files: ["/a": try file("1")])) { _ in [] }
        #expect(plan.changes.count == 1)
        #expect(plan.changes[0].new == nil)
        #expect(plan.changes[0].old == base.files["/gone"])

        var called = false
        let none = DeployPlanner.plan(base: base, target: base) { _ in
            called = true
            return []
        }
        #expect(none.isEmpty)
        #expect(!called, "no action is planned when nothing changed")
    }
}
