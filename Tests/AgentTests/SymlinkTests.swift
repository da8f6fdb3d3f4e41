import Foundation
import Glibc
import Testing

@testable import Agent

/// Symbolic links are deployed as git keeps them: the blob is the target, the mode says link.
@Suite("Symbolic links")
struct SymlinkTests {
    static func link(_ path: String, to target: String, old: String? = nil) -> FileChange {
        Requests.put(path, target, old: old, mode: ManifestEntry.symlinkMode)
    }

    func target(_ box: Sandbox, _ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink(box.live(path), &buffer, buffer.count)
        guard count >= 0 else { return nil }
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    func isLink(_ box: Sandbox, _ path: String) -> Bool {
        box.status(path).map { $0.st_mode & S_IFMT == S_IFLNK } ?? false
    }

    /// Applies deploy `n` (commit c<n-1> to c<n>) of `changes`, expecting it applied.
    func apply(_ engine: ApplyEngine, _ n: Int, _ changes: [FileChange]) throws {
        let report = try engine.apply(
            Requests.request("d\(n)", from: n == 1 ? nil : "c\(n - 1)", to: "c\(n)", changes))
        #expect(report.status == .applied, "d\(n): \(report.message)")
    }

    @Test("a link is created, retargeted, replaced by a file and back, and deleted")
    func lifecycle() throws {
        let box = try Sandbox()
        let engine = try box.engine()
        let path = "/etc/squid/conf.d/cache.conf"
        try apply(engine, 1, [Self.link(path, to: "../cache-large.conf"), Requests.put("/etc/squid/cache-large.conf", "cache_mem 1 GB\n")])
        #expect(isLink(box, path))
        #expect(target(box, path) == "../cache-large.conf")
        #expect(box.read(path) == "cache_mem 1 GB\n")
        #expect(try engine.state().manifest[path]?.mode == ManifestEntry.symlinkMode)
        #expect(try engine.drift().isEmpty)

        // Retargeted.
        try apply(engine, 2, [Self.link(path, to: "/etc/squid/cache-small.conf", old: "../cache-large.conf")])
        #expect(target(box, path) == "/etc/squid/cache-small.conf")

        // A link replaced by a regular file, and back.
        try apply(engine, 3, [Requests.put(path, "cache_mem 64 MB\n", old: "/etc/squid/cache-small.conf")])
        #expect(!isLink(box, path))
        #expect(box.read(path) == "cache_mem 64 MB\n")
        try apply(engine, 4, [Self.link(path, to: "../cache-large.conf", old: "cache_mem 64 MB\n")])
        #expect(target(box, path) == "../cache-large.conf")

        try apply(engine, 5, [Requests.delete(path, old: "../cache-large.conf")])
        #expect(!box.exists(path))
        #expect(box.read("/etc/squid/cache-large.conf") == "cache_mem 1 GB\n")
        #expect(box.tree().filter { $0.contains(".confsync-") }.isEmpty)
        #expect(box.stateLeftovers().isEmpty)
    }

    @Test("a link retargeted by hand is drift; a file where a link was is drift too")
    func drift() throws {
        let box = try Sandbox()
        let engine = try box.engine()
        let report = try engine.apply(
            Requests.request("d1", from: nil, to: "c1", [Self.link("/etc/a", to: "b"), Self.link("/etc/c", to: "d")]))
        #expect(report.status == .applied, "\(report.message)")
        unlink(box.live("/etc/a"))
        symlink("elsewhere", box.live("/etc/a"))
        unlink(box.live("/etc/c"))
        try box.write("/etc/c", "d")
        let drifted = try engine.drift()
        #expect(drifted.map(\.path) == ["/etc/a", "/etc/c"])
        #expect(drifted.map(\.kind) == [.content, .notRegularFile])
        #expect(drifted.first?.content == Array("elsewhere".utf8))

        // A deploy over the hand-made link is refused as drift, and forced keeps its target.
        let refused = try engine.apply(
            Requests.request("d2", from: "c1", to: "c2", [Self.link("/etc/a", to: "b2", old: "b")]))
        #expect(refused.status == .refused)
        #expect(refused.files.first?.status == .drifted)
        #expect(target(box, "/etc/a") == "elsewhere")
        let forced = try engine.apply(
            Requests.request("d2", from: "c1", to: "c2", [Self.link("/etc/a", to: "b2", old: "b")], force: true))
        #expect(forced.status == .applied, "\(forced.message)")
        #expect(forced.files.first?.driftedContent == Array("elsewhere".utf8))
        #expect(target(box, "/etc/a") == "b2")
    }

    @Test("a link needs no owner that resolves; its target may be any bytes but NUL")
    func ownersAndTargets() throws {
        let box = try Sandbox()
        let engine = try box.engine()
        var change = Self.link("/etc/a", to: "b")
        change.owner = "no-such-user-here"
        let latin1: [UInt8] = [0x63, 0x61, 0x66, 0xE9]  // "café" in Latin-1: not UTF-8
        var report = try engine.apply(
            Requests.request(
                "d1", from: nil, to: "c1",
                [change, FileChange.put("/etc/latin1", latin1, mode: ManifestEntry.symlinkMode)]))
        #expect(report.status == .applied, "\(report.message)")
        #expect(try engine.drift().isEmpty)
        var buffer = [CChar](repeating: 0, count: 64)
        let count = readlink(box.live("/etc/latin1"), &buffer, buffer.count)
        #expect(count == 4 && buffer[..<4].map { UInt8(bitPattern: $0) } == latin1)
        report = try engine.apply(
            Requests.request(
                "d2", from: "c1", to: "c2",
                [FileChange.put("/etc/z", [0x62, 0, 0x63], mode: ManifestEntry.symlinkMode)]))
        #expect(report.status == .failed, "\(report.message)")
        #expect(!box.exists("/etc/z"))
        #expect(box.tree().filter { $0.contains(".confsync-") }.isEmpty)
    }
}
