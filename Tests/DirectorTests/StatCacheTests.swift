import Foundation
import GitStore
import TestSupport
import Testing
@testable import Director

@Suite struct StatCacheTests {
    let blob = ObjectID(hex: String(repeating: "ab", count: 20))

    func key(mtime: Int64, size: Int64 = 10) -> StatCache.Key {
        StatCache.Key(size: size, mtimeNanos: mtime, ctimeNanos: mtime, inode: 7, mode: 0o100644, uid: 0, gid: 0)
    }

    /// A directory laid out as a repository's, for the cache file.
    func temporaryRepository() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory(prefix: "statcache")
        try FileManager.default.createDirectory(atPath: directory.path("confsync"), withIntermediateDirectories: true)
        return directory
    }

    func sample() throws -> StatCache {
        var cache = StatCache()
        cache.startScan(at: 2_000)
        cache.record("/etc/with space", key: key(mtime: 100), blob: try #require(blob))
        cache.record("/etc/racy", key: key(mtime: 2_000), blob: try #require(blob))
        cache.userNames = [0: "root"]
        cache.groupNames = [0: "wheel"]
        cache.snapshotTree = StatCache.SnapshotTree(id: try #require(blob), isWritten: true)
        return cache
    }

    @Test func reusesOnlyMatchingOlderEntries() throws {
        let id = try #require(blob)
        var cache = StatCache()
        cache.startScan(at: 1_000)
        cache.record("/etc/a", key: key(mtime: 500), blob: id)
        cache.record("/etc/racy", key: key(mtime: 1_000), blob: id)
        #expect(cache.blob(for: "/etc/a", key: key(mtime: 500)) == id)
        // Same size, same second, different nanoseconds: a real edit that csync2 would miss.
        #expect(cache.blob(for: "/etc/a", key: key(mtime: 501)) == nil)
        #expect(cache.blob(for: "/etc/a", key: key(mtime: 500, size: 11)) == nil)
        // Modified no earlier than the scan began: could change again unseen, so always rehashed.
        #expect(cache.blob(for: "/etc/racy", key: key(mtime: 1_000)) == nil)
    }

    @Test func racyEntryIsNotTrustedByALaterScan() throws {
        let scratch = try temporaryRepository()
        defer { scratch.remove() }
        let dir = scratch.path
        try sample().save(repository: dir)
        var loaded = StatCache.load(repository: dir)
        loaded.startScan(at: 9_000)
        #expect(loaded.blob(for: "/etc/racy", key: key(mtime: 2_000)) == nil)
        #expect(loaded.blob(for: "/etc/with space", key: key(mtime: 100)) == blob)
    }

    @Test func savesAndLoads() throws {
        let scratch = try temporaryRepository()
        defer { scratch.remove() }
        let dir = scratch.path
        let cache = try sample()
        try cache.save(repository: dir)
        let loaded = StatCache.load(repository: dir)
        #expect(loaded.entries == cache.entries)
        #expect(loaded.scanStartedNanos == 2_000)
        #expect(loaded.snapshotTree == cache.snapshotTree)
        let file = try #require(loaded.file(at: "/etc/with space"))
        #expect(file.attributes == FileAttributes(mode: 0o644, owner: "root", group: "wheel"))
        #expect(file.entry == TreeEntry(id: try #require(blob), mode: .blob))
    }

    @Test func missingOrCorruptCacheIsEmpty() throws {
        let scratch = try temporaryRepository()
        defer { scratch.remove() }
        let dir = scratch.path
        #expect(StatCache.load(repository: dir).entries.isEmpty)
        try Data("garbage\n".utf8).write(to: URL(fileURLWithPath: StatCache.path(in: dir)))
        #expect(StatCache.load(repository: dir).entries.isEmpty)
    }

    enum Damage: CaseIterable, Sendable { case flippedByte, tornEnd, missingName }

    /// Damage anywhere gives an empty cache: everything is hashed again, nothing is trusted.
    @Test(arguments: Damage.allCases)
    func damagedCacheIsRejected(_ damage: Damage) throws {
        var cache = try sample()
        if damage == .missingName { cache.userNames = [:] }
        var bytes = try #require(cache.encode())
        switch damage {
        case .flippedByte: bytes[bytes.count / 2] ^= 0x40
        case .tornEnd: bytes.removeLast(3)
        case .missingName: break
        }
        #expect(bytes.withUnsafeBytes { StatCache.decode($0) } == nil)
    }

    @Test func undamagedCacheDecodes() throws {
        let cache = try sample()
        let bytes = try #require(cache.encode())
        let decoded = try #require(bytes.withUnsafeBytes { StatCache.decode($0) })
        #expect(decoded.entries == cache.entries)
    }
}
