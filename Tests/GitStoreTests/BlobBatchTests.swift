import Foundation
import GitStore
import TestSupport
import Testing

@Suite struct BlobBatchTests {
    /// The files under objects/pack and the loose object directories (objects/xx).
    func objectFiles(_ scratch: TestRepository) throws -> (packs: [String], loose: Int) {
        let objects = scratch.path + "/objects"
        let packs = try FileManager.default.contentsOfDirectory(atPath: objects + "/pack").filter { $0.hasSuffix(".pack") }
        let loose = try FileManager.default.contentsOfDirectory(atPath: objects)
            .filter { $0.count == 2 }
            .map { try FileManager.default.contentsOfDirectory(atPath: objects + "/" + $0).count }
            .reduce(0, +)
        return (packs, loose)
    }

    /// Contents of many sizes: empty, a byte, sizes whose pack header takes 1 to 4 bytes.
    static let contents: [[UInt8]] = (0..<200).map { index in
        let size = [0, 1, 15, 16, 127, 128, 2047, 2048, 70_000, 300_000][index % 10] + index / 10
        return (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ index) }
    }

    @Test func manyBlobsGoIntoOnePackThatGitAccepts() throws {
        let scratch = try TestRepository()
        let batch = try BlobBatch(scratch.repository)
        let ids = try Self.contents.map { try batch.add($0) }
        try batch.finish()
        #expect(batch.packsWritten == 1)
        let files = try objectFiles(scratch)
        #expect(files.packs.count == 1)
        #expect(files.loose == 0)
        for (id, content) in zip(ids, Self.contents) {
            #expect(id == (try Repository.blobID(of: content)))
            #expect(try scratch.repository.readBlob(id) == content)
        }
        // The real git reads every object of it (and checks the pack's checksum).
        _ = try scratch.git("verify-pack", "-v", scratch.path + "/objects/pack/" + files.packs[0])
        let tree = try scratch.repository.writeTree(
            Dictionary(uniqueKeysWithValues: ids.enumerated().map { ("f\($0.offset)", TreeEntry(id: $0.element, mode: .blob)) }))
        #expect(try scratch.repository.readTree(tree).count == Self.contents.count)
    }

    @Test func aFewBlobsAreWrittenLoose() throws {
        let scratch = try TestRepository()
        let batch = try BlobBatch(scratch.repository)
        let few = Self.contents.prefix(BlobBatch.packFrom - 1)
        let ids = try few.map { try batch.add($0) }
        try batch.finish()
        #expect(batch.packsWritten == 0)
        let files = try objectFiles(scratch)
        #expect(files.packs.isEmpty)
        #expect(files.loose == Set(ids).count)
        for (id, content) in zip(ids, few) { #expect(try scratch.repository.readBlob(id) == content) }
    }

    @Test func theSameContentGoesInOnce() throws {
        let scratch = try TestRepository()
        let batch = try BlobBatch(scratch.repository)
        let content = Array("cache_mem 256 MB\n".utf8)
        let first = try batch.add(content)
        for index in 0..<100 { _ = try batch.add(Array("file \(index)\n".utf8)) }
        #expect(try batch.add(content) == first)
        try batch.finish()
        let verified = try scratch.gitLines("verify-pack", "-v", scratch.path + "/objects/pack/" + objectFiles(scratch).packs[0])
        #expect(verified.filter { $0.contains(" blob ") }.count == 101)
    }

    @Test func aPackIsWrittenWhenItReachesItsSize() throws {
        let scratch = try TestRepository()
        let batch = try BlobBatch(scratch.repository, packBytes: 5_000)
        let ids = try Self.contents.map { try batch.add($0) }
        try batch.finish()
        let packs = try objectFiles(scratch).packs
        #expect(batch.packsWritten > 2 && packs.count == batch.packsWritten)
        for (id, content) in zip(ids, Self.contents) { #expect(try scratch.repository.readBlob(id) == content) }
        for pack in packs { _ = try scratch.git("verify-pack", scratch.path + "/objects/pack/" + pack) }
        _ = try scratch.git("fsck", "--full", "--strict")
    }

    @Test func nothingAddedWritesNothing() throws {
        let scratch = try TestRepository()
        let batch = try BlobBatch(scratch.repository)
        try batch.finish()
        let files = try objectFiles(scratch)
        #expect(files.packs.isEmpty && files.loose == 0)
    }
}
