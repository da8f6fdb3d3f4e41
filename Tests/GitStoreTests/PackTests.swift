import GitStore
import TestSupport
import Testing

@Suite struct PackTests {
    @Test func aFullPackRecreatesHistoryElsewhere() throws {
        let source = try TestRepository()
        let first = try source.commit(["etc/squid3/squid.conf": "1\n", "etc/hosts": "h\n"])
        let second = try source.commit(["etc/squid3/squid.conf": "2\n", "etc/hosts": "h\n"])
        let pack = try source.repository.pack(including: [second], excluding: [])
        #expect(Self.objectCount(pack) == 11)  // 2 commits, 2 x 3 trees (root, etc, squid3), 3 blobs

        let target = try TestRepository()
        try target.repository.receivePack(pack)
        #expect(try target.repository.log(from: second).map(\.id) == [second, first])
        #expect(try target.repository.readTree(target.repository.commit(second).tree)
            == source.repository.readTree(source.repository.commit(second).tree))
        try target.repository.updateReference("refs/heads/main", to: second, expected: nil, message: "received")
        try target.git("fsck", "--strict", "--no-dangling")
    }

    @Test func anIncrementalPackHoldsOnlyNewObjects() throws {
        let source = try TestRepository()
        let first = try source.commit(["etc/squid3/squid.conf": "1\n", "etc/hosts": "h\n", "srv/www/index": "i\n"])
        let target = try TestRepository()
        try target.repository.receivePack(source.repository.pack(including: [first], excluding: []))

        let second = try source.commit(["etc/squid3/squid.conf": "2\n", "etc/hosts": "h\n", "srv/www/index": "i\n"])
        let unknown = try Repository.blobID(of: Array("a commit only the peer has".utf8))
        let pack = try source.repository.pack(including: [second], excluding: [first, unknown])
        #expect(Self.objectCount(pack) == 5)  // commit, root, etc, etc/squid3, squid.conf
        try target.repository.receivePack(pack)
        #expect(try target.repository.commit(second).parents == [first])
        let tree = try target.repository.commit(second).tree
        let entry = try #require(try target.repository.entry(at: "etc/squid3/squid.conf", inTree: tree))
        #expect(try target.repository.readBlob(entry.id) == Array("2\n".utf8))
    }

    @Test func packsWhatGitCanIndex() throws {
        let source = try TestRepository()
        let commit = try source.commit(["a": "1\n"])
        let pack = try source.repository.pack(including: [commit], excluding: [])
        let scratch = try TemporaryDirectory(prefix: "gitstore-tests")
        try GitCLI.run(["init", "-q", "--bare", scratch.path("clone.git")])
        try GitCLI.run(["-C", scratch.path("clone.git"), "index-pack", "--stdin", "--strict"], input: pack)
        #expect(try GitCLI.run(["-C", scratch.path("clone.git"), "cat-file", "-t", commit.hex]) == "commit\n")
    }

    @Test func nothingNewIsAnEmptyPack() throws {
        let source = try TestRepository()
        let commit = try source.commit(["a": "1\n"])
        let pack = try source.repository.pack(including: [commit], excluding: [commit])
        #expect(Self.objectCount(pack) == 0)
        try source.repository.receivePack(pack)
    }

    @Test func rejectsGarbage() throws {
        let target = try TestRepository()
        #expect(throws: GitError.self) { try target.repository.receivePack(Array("PACK but not really".utf8)) }
        let tree = try target.repository.writeTree([:])
        #expect(throws: GitError.self) { try target.repository.pack(including: [tree], excluding: []) }
    }

    /// The object count in a pack header ("PACK", version, count: big-endian 32-bit words).
    static func objectCount(_ pack: [UInt8]) -> Int? {
        guard pack.count >= 12, pack[0..<4].elementsEqual("PACK".utf8) else { return nil }
        return pack[8..<12].reduce(0) { $0 << 8 | Int($1) }
    }
}
