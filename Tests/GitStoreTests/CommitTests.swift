import GitStore
import Testing

@Suite struct CommitTests {
    @Test func writesAndReadsACommit() throws {
        let fixture = try TestRepository()
        let repository = fixture.repository
        let tree = try repository.writeTree(fixture.entries(["etc/hosts": "127.0.0.1 localhost\n"]))
        let message = "Add hosts\n\nFirst deploy of the cluster.\n"
        let id = try repository.createCommit(
            tree: tree, parents: [], author: People.bob(at: 1_600_000_000), committer: People.alice(at: 1_600_000_100),
            message: message, updating: "refs/heads/main", expected: nil)
        let commit = try repository.commit(id)
        #expect(commit == Commit(
            id: id, tree: tree, parents: [], author: People.bob(at: 1_600_000_000),
            committer: People.alice(at: 1_600_000_100), message: message))
        #expect(commit.summary == "Add hosts")
        #expect(try repository.headCommitID() == id)

        let raw = try fixture.gitLines("cat-file", "-p", id.hex)
        #expect(raw.contains("tree \(tree.hex)"))
        #expect(raw.contains("author Bob Ops <bob@example.org> 1600000000 -0500"))
        #expect(raw.contains("committer Alice Admin <alice@example.org> 1600000100 +0100"))
        #expect(try fixture.git("log", "-1", "--format=%B", id.hex) == message + "\n")
    }

    @Test func gitLogListsTheSameCommits() throws {
        let fixture = try TestRepository()
        var ids: [ObjectID] = []
        for index in 0..<4 {
            ids.append(try fixture.commit(["etc/conf": "version \(index)\n"], message: "v\(index)"))
        }
        let parents = try ids.map { try fixture.repository.commit($0).parents }
        #expect(parents == [[], [ids[0]], [ids[1]], [ids[2]]])
        #expect(try fixture.gitLines("log", "--format=%H", "main") == ids.reversed().map(\.hex))
    }

    @Test func compareAndSwapRefusesAStaleExpectation() throws {
        let fixture = try TestRepository()
        let first = try fixture.commit(["a": "1\n"])
        let second = try fixture.commit(["a": "2\n"])
        let tree = try fixture.repository.writeTree(fixture.entries(["a": "3\n"]))
        for stale in [nil, first] {
            let error = #expect(throws: GitError.self) {
                try fixture.repository.createCommit(
                    tree: tree, parents: [first], author: People.alice(), committer: People.alice(),
                    message: "lost race", updating: "refs/heads/main", expected: stale)
            }
            #expect(error?.code == .refChanged)
            #expect(error?.message.contains(second.hex) == true)
        }
        #expect(try fixture.repository.reference("refs/heads/main") == second)
    }

    @Test func withoutARefNothingMoves() throws {
        let fixture = try TestRepository()
        let first = try fixture.commit(["a": "1\n"])
        let detached = try fixture.commit(["a": "2\n"], parents: [first], ref: nil)
        #expect(fixture.repository.contains(detached))
        #expect(try fixture.repository.reference("refs/heads/main") == first)
    }

    @Test func updatingHEADMovesItsBranch() throws {
        let fixture = try TestRepository()
        let first = try fixture.commit(["a": "1\n"], ref: "HEAD")
        let second = try fixture.commit(["a": "2\n"], ref: "HEAD")
        #expect(try fixture.repository.reference("refs/heads/main") == second)
        #expect(try fixture.repository.commit(second).parents == [first])
        #expect(try fixture.git("symbolic-ref", "HEAD") == "refs/heads/main\n")
    }

    @Test func parentsAndTreeMustExist() throws {
        let fixture = try TestRepository()
        let tree = try fixture.repository.writeTree([:])
        let blob = try fixture.repository.writeBlob([1])
        let missing = try Repository.blobID(of: [2])
        let cases: [(tree: ObjectID, parents: [ObjectID])] = [(tree, [missing]), (missing, []), (blob, []), (tree, [tree])]
        for (tree, parents) in cases {
            #expect(throws: GitError.self) {
                try fixture.repository.createCommit(
                    tree: tree, parents: parents, author: People.alice(), committer: People.alice(),
                    message: "x", updating: nil, expected: nil)
            }
        }
    }

    @Test(arguments: [("", "a@example.org"), ("Eve <evil>", "e@example.org"), ("Eve", "<e@example.org>")])
    func rejectsInvalidSignatures(_ name: String, _ email: String) throws {
        let fixture = try TestRepository()
        let tree = try fixture.repository.writeTree([:])
        let signature = Signature(name: name, email: email, time: 0)
        let error = #expect(throws: GitError.self) {
            try fixture.repository.createCommit(
                tree: tree, parents: [], author: signature, committer: signature, message: "x",
                updating: nil, expected: nil)
        }
        #expect(error?.code == .invalid)
    }

    @Test func readingAMissingCommitIsNotFound() throws {
        let fixture = try TestRepository()
        let missing = try Repository.blobID(of: [7])
        let error = #expect(throws: GitError.self) { try fixture.repository.commit(missing) }
        #expect(error?.code == .notFound)
        #expect(error?.message.contains(missing.hex) == true)
    }
}
