import Testing
@testable import Transport

@Suite struct DigestTests {
    @Test func gitBlobIDMatchesGit() {
        // `printf 'hello\n' | git hash-object --stdin`
        #expect(Digest.gitBlobID(Array("hello\n".utf8)) == "ce013625030ba8dba906f756967f9e9ca394464a")
        // The empty blob.
        #expect(Digest.gitBlobID([]) == "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391")
    }

    @Test func sha256OfABC() {
        #expect(Digest.hex(Digest.hash(.sha256, Array("abc".utf8)))
            == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
