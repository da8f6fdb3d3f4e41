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

    /// A cache file as main wrote it before the entries were keyed by `ManagedPath` (one
    /// entry, so that the bytes do not depend on a dictionary's order): it still loads, with
    /// its entry under the managed path, and is written again byte for byte.
    static let writtenBefore = [
        "4353535441540200e536656ac1493bd600002a36fe9c9717020123456789abcdef0123456789abcdef01234567010000",
        "000000000004000000726f6f74010000000d0000000500000070726f7879010000002a0000000000000015cdfbdf8557",
        "3416b1687e13865734169210000000000000a0810000000000000d000000000123456789abcdef0123456789abcdef01",
        "234567190000002f6574632f7371756964332f737175696420c3a42e636f6e66",
    ].joined()

    @Test func aCacheWrittenBeforeLoadsAndIsWrittenTheSame() throws {
        let hex = Array(Self.writtenBefore.utf8)
        let bytes = try stride(from: 0, to: hex.count, by: 2).map { offset in
            try #require(UInt8(String(decoding: hex[offset..<offset + 2], as: UTF8.self), radix: 16))
        }
        let cache = try #require(bytes.withUnsafeBytes { StatCache.decode($0) })
        let blob = try #require(ObjectID(hex: "0123456789abcdef0123456789abcdef01234567"))
        let key = StatCache.Key(
            size: 42, mtimeNanos: 1_600_000_000_123_456_789, ctimeNanos: 1_600_000_000_987_654_321, inode: 4242,
            mode: 0o100640, uid: 0, gid: 13)
        #expect(cache.entries == ["/etc/squid3/squid ä.conf": StatCache.Entry(key: key, blob: blob, isRacy: false)])
        #expect(cache.scanStartedNanos == 1_700_000_000_000_000_000)
        #expect(cache.snapshotTree == StatCache.SnapshotTree(id: blob, isWritten: true))
        #expect(cache.file(at: "/etc/squid3/squid ä.conf")?.attributes == FileAttributes(mode: 0o640, owner: "root", group: "proxy"))
        #expect(cache.encode() == bytes)
    }

    @Test func undamagedCacheDecodes() throws {
        let cache = try sample()
        let bytes = try #require(cache.encode())
        let decoded = try #require(bytes.withUnsafeBytes { StatCache.decode($0) })
        #expect(decoded.entries == cache.entries)
    }
}
