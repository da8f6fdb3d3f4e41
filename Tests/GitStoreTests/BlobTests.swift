import GitStore
import Testing

@Suite struct BlobTests {
    static let contents: [[UInt8]] = [[], Array("hello\n".utf8), Array(0...255), Array(repeating: 0, count: 70_000)]

    @Test(arguments: contents)
    func roundTripsAndHashesLikeGit(_ bytes: [UInt8]) throws {
        let fixture = try TestRepository()
        let id = try fixture.repository.writeBlob(bytes)
        #expect(try fixture.repository.readBlob(id) == bytes)
        #expect(try Repository.blobID(of: bytes) == id)
        #expect(fixture.repository.contains(id))
        let gitID = try GitCLI.run(["hash-object", "--stdin"], input: bytes)
        #expect(gitID == id.hex + "\n")
    }

    @Test func knownIDs() throws {
        #expect(try Repository.blobID(of: []).hex == "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391")
        #expect(try Repository.blobID(of: Array("hello\n".utf8)).hex == "ce013625030ba8dba906f756967f9e9ca394464a")
    }

    @Test func gitReadsWhatWasWritten() throws {
        let fixture = try TestRepository()
        let id = try fixture.repository.writeBlob(Array("acl localnet src 10.0.0.0/8\n".utf8))
        #expect(try fixture.git("cat-file", "-p", id.hex) == "acl localnet src 10.0.0.0/8\n")
        #expect(try fixture.git("cat-file", "-t", id.hex) == "blob\n")
    }

    @Test func missingBlobsAreNotFound() throws {
        let fixture = try TestRepository()
        let missing = try Repository.blobID(of: Array("never written".utf8))
        #expect(!fixture.repository.contains(missing))
        let error = #expect(throws: GitError.self) { try fixture.repository.readBlob(missing) }
        #expect(error?.code == .notFound)
        #expect(error?.message.contains(missing.hex) == true)
    }

    @Test func aTreeIsNotABlob() throws {
        let fixture = try TestRepository()
        let tree = try fixture.repository.writeTree([:])
        #expect(fixture.repository.contains(tree))
        #expect(throws: GitError.self) { try fixture.repository.readBlob(tree) }
    }
}
