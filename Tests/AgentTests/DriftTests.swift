import Foundation
import Glibc
import Testing

@testable import Agent

@Suite("Drift")
struct DriftTests {
    /// A node at c1 with /etc/a = "a1" and /etc/b = "b1".
    static func deployed() throws -> (Sandbox, ApplyEngine) {
        let box = try Sandbox()
        let engine = try box.engine()
        _ = try engine.apply(
            Requests.request(
                "d1", from: nil, to: "c1", [Requests.put("/etc/a", "a1\n"), Requests.put("/etc/b", "b1\n")]))
        return (box, engine)
    }

    @Test("a drifted file stops the apply and its content comes back")
    func refused() throws {
        let (box, engine) = try Self.deployed()
        try box.write("/etc/a", "edited by hand\n")
        let report = try engine.apply(
            Requests.request(
                "d2", from: "c1", to: "c2",
                [Requests.put("/etc/a", "a2\n", old: "a1\n"), Requests.put("/etc/b", "b2\n", old: "b1\n")]))
        #expect(report.status == .refused)
        #expect(report.files.count == 1)
        let outcome = try #require(report.files.first)
        #expect(outcome.path == "/etc/a" && outcome.status == .drifted)
        #expect(outcome.driftedContent == Array("edited by hand\n".utf8))
        #expect(box.read("/etc/a") == "edited by hand\n")
        #expect(box.read("/etc/b") == "b1\n")
        #expect(try engine.state().commit == "c1")
    }

    @Test("forced, the drifted content is reported and the file overwritten")
    func forced() throws {
        let (box, engine) = try Self.deployed()
        try box.write("/etc/a", "edited by hand\n")
        try box.write("/etc/new", "unexpected\n")
        let report = try engine.apply(
            Requests.request(
                "d2", from: "c1", to: "c2",
                [Requests.put("/etc/a", "a2\n", old: "a1\n"), Requests.put("/etc/new", "n\n")],
                force: true))
        #expect(report.status == .applied)
        #expect(report.files.map(\.status) == [.written, .written])
        #expect(report.files.map(\.driftedContent) == [Array("edited by hand\n".utf8), Array("unexpected\n".utf8)])
        #expect(box.read("/etc/a") == "a2\n")
        #expect(box.read("/etc/new") == "n\n")
    }

    @Test("mode and owner changes by hand are drift too")
    func attributeDrift() throws {
        let (box, engine) = try Self.deployed()
        chmod(box.live("/etc/a"), 0o600)
        let report = try engine.apply(
            Requests.request("d2", from: "c1", to: "c2", [Requests.put("/etc/a", "a2\n", old: "a1\n")]))
        #expect(report.status == .refused)
        #expect(report.files.first?.message.contains("mode 600") == true)
    }

    @Test("a file that should exist but is gone is drift; one that should not but does is too")
    func presenceDrift() throws {
        let (box, engine) = try Self.deployed()
        unlink(box.live("/etc/a"))
        try box.write("/etc/c", "surprise")
        let report = try engine.apply(
            Requests.request(
                "d2", from: "c1", to: "c2",
                [
                    Requests.delete("/etc/b", old: "b1\n"), Requests.put("/etc/a", "a2\n", old: "a1\n"),
                    Requests.put("/etc/c", "c"),
                ]))
        #expect(report.status == .refused)
        #expect(report.files.map(\.path) == ["/etc/a", "/etc/c"])
        #expect(report.files.map(\.driftedContent) == [nil, Array("surprise".utf8)])
        #expect(box.read("/etc/b") == "b1\n")
    }

    @Test("drift() lists missing, changed, re-moded and replaced files")
    func scan() throws {
        let box = try Sandbox()
        let engine = try box.engine()
        _ = try engine.apply(
            Requests.request(
                "d1", from: nil, to: "c1",
                ["/etc/gone", "/etc/edited", "/etc/moded", "/etc/linked", "/etc/fine"].map { Requests.put($0, "x\n") }))
        unlink(box.live("/etc/gone"))
        try box.write("/etc/edited", "y\n")
        chmod(box.live("/etc/moded"), 0o600)
        unlink(box.live("/etc/linked"))
        symlink("/etc/fine", box.live("/etc/linked"))
        let drift = try engine.drift()
        #expect(drift.map(\.path) == ["/etc/edited", "/etc/gone", "/etc/linked", "/etc/moded"])
        #expect(drift.map(\.kind) == [.content, .missing, .notRegularFile, .attributes])
        #expect(drift[0].content == Array("y\n".utf8))
        #expect(drift[0].actualBlobID == Requests.blob("y\n"))
        #expect(drift[0].expected.blobID == Requests.blob("x\n"))
        #expect(drift[3].actualMode == 0o600 && drift[3].actualOwner == "root")
    }
}
