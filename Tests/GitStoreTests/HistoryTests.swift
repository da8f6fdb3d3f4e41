import GitStore
import Testing

@Suite struct HistoryTests {
    @Test func linearLogMatchesGit() throws {
        let fixture = try TestRepository()
        let ids = try (0..<5).map { try fixture.commit(["f": "\($0)\n"]) }
        let log = try fixture.repository.log(from: ids[4])
        #expect(log.map(\.id) == ids.reversed())
        #expect(log.map(\.id.hex) == (try fixture.gitLines("log", "--format=%H", ids[4].hex)))
        #expect(try fixture.repository.log(from: ids[4], limit: 2).map(\.id) == [ids[4], ids[3]])
        #expect(try fixture.repository.log(from: ids[2], limit: 0).isEmpty)
        #expect(log.first?.message == "change")
        #expect(try fixture.repository.log(from: ids[4], path: "").map(\.id) == ids.reversed())
        #expect(try fixture.repository.log(from: ids[4], path: "f", limit: 3).map(\.id) == [ids[4], ids[3], ids[2]])
    }

    @Test func logWithMergesMatchesGitDateOrder() throws {
        let history = try MergedHistory()
        let log = try history.fixture.repository.log(from: history.merge2)
        #expect(log.count == 8)
        // libgit2's topological + time order is git's --date-order (no parent before its children).
        #expect(log.map(\.id.hex) == (try history.fixture.gitLines("log", "--date-order", "--format=%H", history.merge2.hex)))
    }

    @Test(arguments: ["a", "b", "etc", "etc/", "etc/squid", "etc/squid/squid.conf", "etc/hosts", "never/there"])
    func pathLogMatchesGit(_ path: String) throws {
        let history = try MergedHistory()
        let log = try history.fixture.repository.log(from: history.merge2, path: path)
        let expected = try history.fixture.gitLines("log", "--date-order", "--format=%H", history.merge2.hex, "--", path)
        #expect(log.map(\.id.hex) == expected)
    }

    @Test func pathLogFollowsTheUnchangedParentOfAMerge() throws {
        let history = try MergedHistory()
        let repository = history.fixture.repository
        // merge2 kept main's `a`, so the side commit that changed it is not part of a's story.
        #expect(try repository.log(from: history.merge2, path: "a").map(\.id) == [history.a3, history.a2, history.root])
        // merge1 took `b` from the side branch.
        #expect(try repository.log(from: history.merge2, path: "b").map(\.id) == [history.b2, history.root])
        #expect(try repository.log(from: history.merge2, path: "a", limit: 1).map(\.id) == [history.a3])
    }

    @Test func pathLogRejectsInvalidPaths() throws {
        let history = try MergedHistory()
        let error = #expect(throws: GitError.self) {
            try history.fixture.repository.log(from: history.merge2, path: "../etc")
        }
        #expect(error?.code == .invalid)
    }

    @Test func logFromAMissingCommitFails() throws {
        let fixture = try TestRepository()
        let missing = try Repository.blobID(of: [1])
        #expect(throws: GitError.self) { try fixture.repository.log(from: missing) }
    }

    @Test func ancestry() throws {
        let history = try MergedHistory()
        let repository = history.fixture.repository
        #expect(try repository.isAncestor(history.root, of: history.merge2))
        #expect(try repository.isAncestor(history.b2, of: history.merge1))
        #expect(try repository.isAncestor(history.a3, of: history.a3))
        #expect(try !repository.isAncestor(history.merge2, of: history.root))
        #expect(try !repository.isAncestor(history.b2, of: history.a3))
        let missing = try Repository.blobID(of: [1])
        #expect(throws: GitError.self) { try repository.isAncestor(missing, of: history.root) }
        #expect(throws: GitError.self) { try repository.isAncestor(missing, of: missing) }
    }

    @Test func mergeBases() throws {
        let history = try MergedHistory()
        let repository = history.fixture.repository
        #expect(try repository.mergeBase(history.a3, history.b2) == history.root)
        #expect(try repository.mergeBase(history.d1, history.sideA) == history.merge1)
        #expect(try repository.mergeBase(history.merge2, history.a2) == history.a2)
        let unrelated = try history.fixture.commit(["z": "1\n"], parents: [], ref: nil)
        #expect(try repository.mergeBase(unrelated, history.merge2) == nil)
        let gitBase = try history.fixture.git("merge-base", history.a3.hex, history.b2.hex)
        #expect(gitBase == history.root.hex + "\n")
    }
}
