import GitStore
import Testing

@Suite struct ReferenceTests {
    @Test func createsMovesAndDeletesWithCompareAndSwap() throws {
        let fixture = try TestRepository()
        let repository = fixture.repository
        let first = try fixture.commit(["a": "1\n"])
        let second = try fixture.commit(["a": "2\n"])
        let name = "refs/confsync/nodes/squid1"
        #expect(try repository.reference(name) == nil)

        try repository.updateReference(name, to: first, expected: nil, message: "deploy")
        #expect(try repository.reference(name) == first)
        #expect(try fixture.git("rev-parse", name) == first.hex + "\n")

        let exists = #expect(throws: GitError.self) {
            try repository.updateReference(name, to: second, expected: nil, message: "deploy")
        }
        #expect(exists?.code == .refChanged)
        let stale = #expect(throws: GitError.self) {
            try repository.updateReference(name, to: second, expected: second, message: "deploy")
        }
        #expect(stale?.code == .refChanged)
        #expect(stale?.message.contains("found \(first.hex)") == true)
        #expect(try repository.reference(name) == first)

        try repository.updateReference(name, to: second, expected: first, message: "deploy")
        #expect(try repository.reference(name) == second)

        try repository.deleteReference(name)
        #expect(try repository.reference(name) == nil)
        let gone = #expect(throws: GitError.self) { try repository.deleteReference(name) }
        #expect(gone?.code == .notFound)
    }

    @Test func expectingAMissingReferenceIsAConflict() throws {
        let fixture = try TestRepository()
        let commit = try fixture.commit(["a": "1\n"], ref: nil)
        let error = #expect(throws: GitError.self) {
            try fixture.repository.updateReference("refs/heads/other", to: commit, expected: commit, message: "x")
        }
        #expect(error?.code == .refChanged)
        #expect(try fixture.repository.reference("refs/heads/other") == nil)
    }

    @Test(arguments: ["refs/heads/a..b", "refs/heads/x.lock", "refs/heads/sp ace", "refs/heads/"])
    func rejectsInvalidNames(_ name: String) throws {
        let fixture = try TestRepository()
        let commit = try fixture.commit(["a": "1\n"])
        let read = #expect(throws: GitError.self) { try fixture.repository.reference(name) }
        #expect(read?.code == .invalid)
        let write = #expect(throws: GitError.self) {
            try fixture.repository.updateReference(name, to: commit, expected: nil, message: "x")
        }
        #expect(write?.code == .invalid)
    }

    @Test func listsReferencesByGlob() throws {
        let fixture = try TestRepository()
        let first = try fixture.commit(["a": "1\n"])
        let second = try fixture.commit(["a": "2\n"])
        for (node, commit) in [("squid2", second), ("squid1", first), ("lvs1", second)] {
            try fixture.repository.updateReference("refs/confsync/nodes/\(node)", to: commit, expected: nil, message: "")
        }
        let nodes = try fixture.repository.references(matching: "refs/confsync/nodes/*")
        #expect(nodes.map(\.name) == ["refs/confsync/nodes/lvs1", "refs/confsync/nodes/squid1", "refs/confsync/nodes/squid2"])
        #expect(nodes.map(\.target) == [second, first, second])
        #expect(try fixture.repository.references(matching: "refs/heads/*").map(\.name) == ["refs/heads/main"])
        #expect(try fixture.repository.references(matching: "refs/tags/*").isEmpty)
    }

    @Test func resolvesRevisionSyntax() throws {
        let fixture = try TestRepository()
        let ids = try (0..<3).map { try fixture.commit(["a": "\($0)\n"]) }
        let cases: [(String, ObjectID)] = [
            ("HEAD", ids[2]), ("main", ids[2]), ("refs/heads/main", ids[2]), ("HEAD~2", ids[0]), ("main^", ids[1]),
            (ids[1].hex, ids[1]), (ids[0].short, ids[0]), (String(ids[0].hex.prefix(12)), ids[0]),
            ("\(ids[2].hex)^{commit}", ids[2]),
        ]
        for (revision, expected) in cases {
            #expect(try fixture.repository.resolve(revision) == expected, "\(revision)")
            #expect(try fixture.git("rev-parse", "\(revision)^{commit}") == expected.hex + "\n")
        }
    }

    @Test(arguments: ["nope", "HEAD~3", "main@{upstream}", "ffffffffffffffffffffffffffffffffffffffff"])
    func missingRevisionsAreNotFound(_ revision: String) throws {
        let fixture = try TestRepository()
        try fixture.commit(["a": "1\n"])
        try fixture.commit(["a": "2\n"])
        let error = #expect(throws: GitError.self) { try fixture.repository.resolve(revision) }
        #expect(error?.code == .notFound)
        #expect(error?.message.contains("'\(revision)'") == true)
    }

    @Test func aRevisionMustNameACommit() throws {
        let fixture = try TestRepository()
        let commit = try fixture.commit(["a": "1\n"])
        let tree = try fixture.repository.commit(commit).tree
        let error = #expect(throws: GitError.self) { try fixture.repository.resolve(tree.hex) }
        #expect(error?.code == .invalid)
        let syntax = #expect(throws: GitError.self) { try fixture.repository.resolve("main^{bogus}") }
        #expect(syntax?.code == .invalid)
    }

    @Test func anAmbiguousShortIDSaysSo() throws {
        let fixture = try TestRepository()
        var seen: [String: Int] = [:]
        var pair: (Int, Int)?
        for index in 0..<100_000 where pair == nil {
            let prefix = String(try Repository.blobID(of: Array("blob \(index)".utf8)).hex.prefix(4))
            if let other = seen[prefix] { pair = (other, index) } else { seen[prefix] = index }
        }
        let (first, second) = try #require(pair)
        let a = try fixture.repository.writeBlob(Array("blob \(first)".utf8))
        let b = try fixture.repository.writeBlob(Array("blob \(second)".utf8))
        #expect(a.hex.prefix(4) == b.hex.prefix(4))
        let error = #expect(throws: GitError.self) { try fixture.repository.resolve(String(a.hex.prefix(4))) }
        #expect(error?.code == .ambiguous)
        #expect(error?.message.contains("'\(a.hex.prefix(4))'") == true)
    }

    @Test func headOfAnEmptyRepositoryIsUnborn() throws {
        let fixture = try TestRepository()
        #expect(try fixture.repository.headCommitID() == nil)
        let error = #expect(throws: GitError.self) { try fixture.repository.resolve("HEAD") }
        #expect(error?.code == .notFound)
    }
}
