import GitStore
import Testing

@Suite struct DiffTests {
    /// Two trees with one change of every kind.
    struct Trees {
        let fixture: TestRepository
        let old, new: ObjectID

        init() throws {
            fixture = try TestRepository()
            let repository = fixture.repository
            func blob(_ text: String) throws -> ObjectID { try repository.writeBlob(Array(text.utf8)) }
            let shared = try fixture.entries([
                "etc/squid3/unchanged.conf": "u\n", "etc/hosts": "h\n", "z/deep/er/still.conf": "s\n",
            ])
            var before = shared
            before["etc/squid3/squid.conf"] = TreeEntry(id: try blob("http_port 3128\n"), mode: .blob)
            before["bin/tool"] = TreeEntry(id: try blob("#!/bin/sh\n"), mode: .blob)
            before["link"] = TreeEntry(id: try blob("target"), mode: .symlink)
            before["dir-to-file/x"] = TreeEntry(id: try blob("x\n"), mode: .blob)
            before["file-to-dir"] = TreeEntry(id: try blob("f\n"), mode: .blob)
            before["gone"] = TreeEntry(id: try blob("g\n"), mode: .blob)
            var after = shared
            after["etc/squid3/squid.conf"] = TreeEntry(id: try blob("http_port 8080\n"), mode: .blob)
            after["bin/tool"] = TreeEntry(id: try blob("#!/bin/sh\n"), mode: .executable)
            after["link"] = TreeEntry(id: try blob("target"), mode: .blob)
            after["dir-to-file"] = TreeEntry(id: try blob("x\n"), mode: .blob)
            after["file-to-dir/y"] = TreeEntry(id: try blob("y\n"), mode: .blob)
            after["new/added"] = TreeEntry(id: try blob("n\n"), mode: .blob)
            old = try repository.writeTree(before)
            new = try repository.writeTree(after)
        }
    }

    @Test func reportsEveryKindOfChangeSortedByPath() throws {
        let trees = try Trees()
        let changes = try trees.fixture.repository.diff(from: trees.old, to: trees.new)
        #expect(changes.map(\.path) == [
            "bin/tool", "dir-to-file", "dir-to-file/x", "etc/squid3/squid.conf", "file-to-dir", "file-to-dir/y",
            "gone", "link", "new/added",
        ])
        #expect(changes.map(\.status) == [
            .modified, .added, .deleted, .modified, .deleted, .added, .deleted, .typeChanged, .added,
        ])
        let tool = try #require(changes.first)
        #expect(tool.old?.mode == .blob && tool.new?.mode == .executable && tool.old?.id == tool.new?.id)
    }

    @Test func matchesGitDiffTree() throws {
        let trees = try Trees()
        let empty = try trees.fixture.repository.writeTree([:])
        for (old, new) in [(trees.old, trees.new), (trees.new, trees.old), (nil, trees.new), (trees.old, nil)] {
            let changes = try trees.fixture.repository.diff(from: old, to: new)
            let git = try trees.fixture.gitLines(
                "diff-tree", "-r", "--no-renames", "--no-abbrev", (old ?? empty).hex, (new ?? empty).hex)
            #expect(changes.map(Self.raw) == git)
        }
    }

    @Test func equalTreesHaveNoChanges() throws {
        let trees = try Trees()
        #expect(try trees.fixture.repository.diff(from: trees.new, to: trees.new).isEmpty)
        #expect(try trees.fixture.repository.diff(from: nil, to: nil).isEmpty)
    }

    @Test func fromNothingEverythingIsAdded() throws {
        let trees = try Trees()
        let added = try trees.fixture.repository.diff(from: nil, to: trees.new)
        let listing = try trees.fixture.repository.readTree(trees.new)
        #expect(added.allSatisfy { $0.status == .added && $0.old == nil })
        #expect(Dictionary(uniqueKeysWithValues: added.map { ($0.path, $0.new) }) == listing)
    }

    @Test func missingTreesAreNotFound() throws {
        let trees = try Trees()
        let missing = try Repository.blobID(of: [42])
        let error = #expect(throws: GitError.self) { try trees.fixture.repository.diff(from: missing, to: trees.new) }
        #expect(error?.code == .notFound)
    }

    @Test func unifiedDiffOfText() throws {
        let fixture = try TestRepository()
        let old = try fixture.repository.writeBlob(Array("one\ntwo\nthree\nfour\nfive\nsix\nseven\n".utf8))
        let new = try fixture.repository.writeBlob(Array("one\ntwo\nthree\nFOUR\nfive\nsix\nseven\neight".utf8))
        let text = try fixture.repository.unifiedDiff(old: old, new: new, path: "etc/numbers")
        #expect(text == """
            diff --git a/etc/numbers b/etc/numbers
            index \(old.short)..\(new.short) 100644
            --- a/etc/numbers
            +++ b/etc/numbers
            @@ -1,7 +1,8 @@
             one
             two
             three
            -four
            +FOUR
             five
             six
             seven
            +eight
            \\ No newline at end of file

            """)
    }

    @Test func unifiedDiffOfAddedDeletedBinaryAndEqual() throws {
        let fixture = try TestRepository()
        let text = try fixture.repository.writeBlob(Array("hello\n".utf8))
        let binary = try fixture.repository.writeBlob([0, 1, 2, 0, 255])
        let added = try fixture.repository.unifiedDiff(old: nil, new: text, path: "etc/motd")
        let deleted = try fixture.repository.unifiedDiff(old: text, new: nil, path: "etc/motd")
        let binaryDiff = try fixture.repository.unifiedDiff(old: text, new: binary, path: "etc/blob")
        #expect(added == """
            diff --git a/etc/motd b/etc/motd
            new file mode 100644
            index 0000000..\(text.short)
            --- /dev/null
            +++ b/etc/motd
            @@ -0,0 +1 @@
            +hello

            """)
        #expect(deleted.contains("--- a/etc/motd\n+++ /dev/null\n@@ -1 +0,0 @@\n-hello\n"))
        #expect(binaryDiff.hasSuffix("Binary files a/etc/blob and b/etc/blob differ\n"))
        #expect(try fixture.repository.unifiedDiff(old: text, new: text, path: "etc/motd") == "")
        #expect(try fixture.repository.unifiedDiff(old: nil, new: nil, path: "etc/motd") == "")
        let missing = try Repository.blobID(of: [42])
        let error = #expect(throws: GitError.self) {
            try fixture.repository.unifiedDiff(old: text, new: missing, path: "etc/motd")
        }
        #expect(error?.code == .notFound)
    }

    /// A change as `git diff-tree -r --no-abbrev` prints it.
    static func raw(_ change: TreeChange) -> String {
        let zero = String(repeating: "0", count: 40)
        func mode(_ entry: TreeEntry?) -> String {
            entry.map { String($0.mode.rawValue, radix: 8) } ?? "000000"
        }
        let letter = switch change.status {
        case .added: "A"
        case .deleted: "D"
        case .modified: "M"
        case .typeChanged: "T"
        }
        return ":\(mode(change.old)) \(mode(change.new)) \(change.old?.id.hex ?? zero) \(change.new?.id.hex ?? zero)"
            + " \(letter)\t\(change.path)"
    }
}
