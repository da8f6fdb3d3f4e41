import Director
import GitStore
import TestSupport
import Testing

@testable import Replication

@Suite struct TreeMergeTests {
    static func file(_ hex: Character, mode: UInt32 = 0o644) -> ManagedFile? {
        ObjectID(hex: String(repeating: hex, count: 40)).map {
            ManagedFile(
                entry: TreeEntry(id: $0, mode: .blob),
                attributes: FileAttributes(mode: mode, owner: "root", group: "root"))
        }
    }

    /// (base, ours, theirs) of one path -> the merged file, or "conflict".
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var base: ManagedFile?
        var ours: ManagedFile?
        var theirs: ManagedFile?
        var merged: ManagedFile??  // .none: a conflict
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "unchanged", base: file("1"), ours: file("1"), theirs: file("1"), merged: .some(file("1"))),
        Case(name: "changed here only", base: file("1"), ours: file("2"), theirs: file("1"), merged: .some(file("2"))),
        Case(name: "changed there only", base: file("1"), ours: file("1"), theirs: file("3"), merged: .some(file("3"))),
        Case(
            name: "same change on both", base: file("1"), ours: file("2"), theirs: file("2"), merged: .some(file("2"))),
        Case(name: "different changes", base: file("1"), ours: file("2"), theirs: file("3"), merged: .none),
        Case(name: "added here", base: nil, ours: file("2"), theirs: nil, merged: .some(file("2"))),
        Case(name: "added on both, same", base: nil, ours: file("2"), theirs: file("2"), merged: .some(file("2"))),
        Case(name: "added on both, different", base: nil, ours: file("2"), theirs: file("3"), merged: .none),
        Case(name: "deleted there", base: file("1"), ours: file("1"), theirs: nil, merged: .some(nil)),
        Case(name: "deleted on both", base: file("1"), ours: nil, theirs: nil, merged: .some(nil)),
        Case(name: "deleted here, changed there", base: file("1"), ours: nil, theirs: file("3"), merged: .none),
        Case(
            name: "mode here, content there", base: file("1"), ours: file("1", mode: 0o600), theirs: file("3"),
            merged: .some(file("3", mode: 0o600))),
        Case(
            name: "mode on both, differently", base: file("1"), ours: file("1", mode: 0o600),
            theirs: file("1", mode: 0o640),
            merged: .none),
    ]

    @Test(arguments: cases) func onePath(_ c: Case) {
        func tree(_ file: ManagedFile?) -> ManagedTree { ManagedTree(files: file.map { ["/etc/f": $0] } ?? [:]) }
        let (merged, conflicts) = TreeMerge.merge(base: tree(c.base), ours: tree(c.ours), theirs: tree(c.theirs))
        if let expected = c.merged {
            #expect(conflicts.isEmpty)
            #expect(merged.files["/etc/f"] == expected)
        } else {
            #expect(conflicts.map(\.path) == ["/etc/f"])
            #expect(conflicts.first?.ours == c.ours && conflicts.first?.theirs == c.theirs)
            #expect(merged.files["/etc/f"] == nil)
        }
    }

    @Test func pathsMergeIndependently() throws {
        let base = ManagedTree(files: ["/a": try #require(Self.file("1")), "/b": try #require(Self.file("1"))])
        var ours = base
        ours.files["/a"] = Self.file("2")
        var theirs = base
        theirs.files["/b"] = Self.file("3")
        theirs.files["/c"] = Self.file("4")
        let (merged, conflicts) = TreeMerge.merge(base: base, ours: ours, theirs: theirs)
        #expect(conflicts.isEmpty)
        #expect(
            merged.files == ["/a": Self.file("2"), "/b": Self.file("3"), "/c": Self.file("4")].compactMapValues { $0 })
    }
}
