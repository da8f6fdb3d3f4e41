import GitStore
import Testing

/// `unifiedDiff(old:content:path:)`: the diff to content in memory is the diff to it as a blob,
/// and the content is not stored.
@Suite struct InMemoryDiffTests {
    /// Old blob content (nil: absent), new content.
    static let cases: [(String, [UInt8]?, [UInt8])] = [
        ("a line changed, no newline at the end", Array("one\ntwo\nthree\nfour\n".utf8), Array("one\ntwo\nTHREE\nfour".utf8)),
        ("added", nil, Array("hello\n".utf8)),
        ("emptied", Array("hello\n".utf8), []),
        ("filled", [], Array("hello\n".utf8)),
        ("added empty", nil, []),
        ("binary", Array("hello\n".utf8), [0, 1, 2, 0, 255]),
        ("equal", Array("same\n".utf8), Array("same\n".utf8)),
    ]

    @Test(arguments: cases)
    func sameDiffAsFromABlobAndNothingStored(name: String, old: [UInt8]?, new: [UInt8]) throws {
        let fixture = try TestRepository()
        let repository = fixture.repository
        let oldID = try old.map { try repository.writeBlob($0) }
        let newID = try Repository.blobID(of: new)
        let stored = old == new

        let inMemory = try repository.unifiedDiff(old: oldID, content: new, path: "etc/file")
        #expect(repository.contains(newID) == stored, "\(name): the content was not written")

        let fromBlob = try repository.unifiedDiff(old: oldID, new: try repository.writeBlob(new), path: "etc/file")
        #expect(inMemory == fromBlob, "\(name)")
        #expect((old == new) == inMemory.isEmpty, "\(name): \(inMemory)")
    }

    @Test func anOldBlobThatIsNotThereIsNotFound() throws {
        let fixture = try TestRepository()
        let missing = try Repository.blobID(of: [42])
        let error = #expect(throws: GitError.self) {
            try fixture.repository.unifiedDiff(old: missing, content: [1], path: "etc/motd")
        }
        #expect(error?.code == .notFound)
    }
}
