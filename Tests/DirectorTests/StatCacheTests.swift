import Foundation
import GitStore
import Testing
@testable import Director

@Suite struct StatCacheTests {
    let blob = ObjectID(hex: String(repeating: "ab", count: 20))

    func key(mtime: Int64, size: Int64 = 10) -> StatCache.Key {
        StatCache.Key(size: size, mtimeNanos: mtime, ctimeNanos: mtime, inode: 7, mode: 0o100644, uid: 0, gid: 0)
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

    @Test func savesAndLoads() throws {
        let id = try #require(blob)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("statcache-\(UUID())").path
        try FileManager.default.createDirectory(atPath: dir + "/confsync", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var cache = StatCache()
        cache.startScan(at: 2_000)
        cache.record("/etc/with space", key: key(mtime: 100), blob: id)
        try cache.save(repository: dir)
        let loaded = StatCache.load(repository: dir)
        #expect(loaded.blob(for: "/etc/with space", key: key(mtime: 100)) == id)
        #expect(loaded.scanStartedNanos == 2_000)
    }

    @Test func missingOrCorruptCacheIsEmpty() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("statcache-\(UUID())").path
        try FileManager.default.createDirectory(atPath: dir + "/confsync", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(StatCache.load(repository: dir).entries.isEmpty)
        try Data("garbage\n".utf8).write(to: URL(fileURLWithPath: dir + "/confsync/stat-cache"))
        #expect(StatCache.load(repository: dir).entries.isEmpty)
    }
}
