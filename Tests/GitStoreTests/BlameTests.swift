import GitStore
import Testing

@Suite struct BlameTests {
    @Test func attributesEachLineToTheCommitThatLastChangedIt() throws {
        let fixture = try TestRepository()
        let path = "etc/squid3/squid.conf"
        let first = try fixture.commit([path: "http_port 3128\nacl all src all\ncache_mem 64 MB\n"], author: People.alice())
        let second = try fixture.commit([path: "http_port 8080\nacl all src all\ncache_mem 64 MB\n"], author: People.bob())
        let third = try fixture.commit(
            [path: "http_port 8080\nacl all src all\ncache_mem 64 MB\nvisible_hostname proxy", "other": "x\n"],
            author: People.alice(at: 1_700_009_999))
        let blame = try fixture.repository.blame(path: path, at: third)
        #expect(blame == [
            BlameLine(line: 1, commit: second, author: People.bob(), text: "http_port 8080"),
            BlameLine(line: 2, commit: first, author: People.alice(), text: "acl all src all"),
            BlameLine(line: 3, commit: first, author: People.alice(), text: "cache_mem 64 MB"),
            BlameLine(line: 4, commit: third, author: People.alice(at: 1_700_009_999), text: "visible_hostname proxy"),
        ])
        let older = try fixture.repository.blame(path: path, at: second)
        #expect(older.map(\.commit) == [second, first, first])
        #expect(try Self.gitBlame(fixture, path: path, at: third) == blame.map(\.commit))
    }

    @Test func blamesAcrossMerges() throws {
        let history = try MergedHistory()
        for path in ["a", "b", "etc/squid/squid.conf"] {
            let blame = try history.fixture.repository.blame(path: path, at: history.merge2)
            #expect(blame.map(\.commit) == (try Self.gitBlame(history.fixture, path: path, at: history.merge2)))
        }
    }

    @Test func keepsCarriageReturnsOutOfTheText() throws {
        let fixture = try TestRepository()
        let commit = try fixture.commit(["win.ini": "[a]\r\nb=1\r\n"])
        #expect(try fixture.repository.blame(path: "win.ini", at: commit).map(\.text) == ["[a]", "b=1"])
    }

    @Test func anEmptyFileHasNoLines() throws {
        let fixture = try TestRepository()
        let commit = try fixture.commit(["empty": ""])
        #expect(try fixture.repository.blame(path: "empty", at: commit).isEmpty)
    }

    @Test func aMissingFileIsNotFound() throws {
        let fixture = try TestRepository()
        let commit = try fixture.commit(["etc/hosts": "h\n"])
        for path in ["etc/none", "etc"] {
            let error = #expect(throws: GitError.self) { try fixture.repository.blame(path: path, at: commit) }
            #expect(error?.code == .notFound)
            #expect(error?.message.contains(path) == true)
        }
        let invalid = #expect(throws: GitError.self) { try fixture.repository.blame(path: "/etc/hosts", at: commit) }
        #expect(invalid?.code == .invalid)
    }

    /// The commit of each line, as `git blame --porcelain` reports it.
    static func gitBlame(_ fixture: TestRepository, path: String, at commit: ObjectID) throws -> [ObjectID] {
        let lines = try fixture.gitLines("blame", "--porcelain", commit.hex, "--", path)
        var byLine: [Int: ObjectID] = [:]
        for line in lines {
            let fields = line.split(separator: " ")
            guard fields.count >= 3, let id = ObjectID(hex: String(fields[0])), let number = Int(fields[2]) else { continue }
            byLine[number] = id
        }
        return byLine.keys.sorted().compactMap { byLine[$0] }
    }
}
