import Foundation
import Glibc
import Testing

@testable import Agent

/// A node whose `state.log` is damaged starts with its state unknown, and the next deploy
/// (planned from nothing, as for a new node) re-establishes it from the files on disk.
@Suite("Unknown state")
struct UnknownStateTests {
    /// c1 with /etc/a = a1 and /etc/b = b1, then c2 with /etc/a = a2: two blocks in `state.log`.
    static func deployedTwice() throws -> Sandbox {
        let box = try Sandbox()
        let engine = try box.engine()
        var report = try engine.apply(
            Requests.request("d1", from: nil, to: "c1", [Requests.put("/etc/a", "a1\n"), Requests.put("/etc/b", "b1\n")]))
        #expect(report.status == .applied)
        report = try engine.apply(Requests.request("d2", from: "c1", to: "c2", [Requests.put("/etc/a", "a2\n", old: "a1\n")]))
        #expect(report.status == .applied)
        return box
    }

    /// Flips a bit in the first block of `state.log`, on disk.
    static func damageFirstBlock(_ box: Sandbox) throws {
        let path = box.state + "/state.log"
        var bytes = Array(try #require(FileManager.default.contents(atPath: path)))
        let header = try #require(bytes.firstIndex(of: UInt8(ascii: "\n")))
        bytes[header + 4] ^= 0x20
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    /// What a director sends a node that reports no commit: every file of `commit`, none expected.
    static func full(_ id: String, to commit: String, _ files: [(String, String)]) -> ApplyRequest {
        Requests.request(id, from: nil, to: commit, files.map { Requests.put($0.0, $0.1) })
    }

    @Test("a damaged state.log does not stop the engine: it starts unknown, with a warning")
    func startsUnknown() throws {
        let box = try Self.deployedTwice()
        try Self.damageFirstBlock(box)
        unlink(box.live("/etc/b"))
        let engine = try box.engine()
        let state = try engine.state()
        #expect(state.commit == nil && state.manifest.isEmpty)
        #expect(state.unknown?.recorded["/etc/a"]?.map(\.blobID).contains(Requests.blob("a2\n")) == true)
        #expect(engine.stateWarnings.count == 1)
        #expect(engine.stateWarnings.first?.contains("fails its checksum") == true, "\(engine.stateWarnings)")
        _ = try engine.recover()
        #expect(try engine.drift().isEmpty, "a file gone may have been deleted by the lost save")
    }

    @Test("while the state is unknown, recover() sweeps scratch files next to the recorded files")
    func sweepsNearRecordedFiles() throws {
        let box = try Self.deployedTwice()
        try Self.damageFirstBlock(box)
        try box.write("/etc/.confsync-old-d9-0", "left by a power loss\n")
        let engine = try box.engine()
        #expect(try engine.recover().removed == [box.live("/etc/.confsync-old-d9-0")])
    }

    @Test("while the state is unknown, drift() lists the files that match no version recorded")
    func driftWhileUnknown() throws {
        let box = try Self.deployedTwice()
        try Self.damageFirstBlock(box)
        // /etc/a is at a2, the last version recorded; /etc/b was b1, recorded only in the damaged block.
        try box.write("/etc/b", "edited by hand\n")
        let engine = try box.engine()
        let drifted = try engine.drift()
        #expect(drifted.map(\.path) == ["/etc/b"])
        #expect(drifted.first?.kind == .content && drifted.first?.expected.blobID == Requests.blob("b1\n"))
        try box.write("/etc/b", "b1\n")
        #expect(try engine.drift().isEmpty)
    }

    @Test("the next deploy keeps files at the target, replaces recorded versions, and re-establishes the state")
    func converges() throws {
        let box = try Self.deployedTwice()
        try Self.damageFirstBlock(box)
        let engine = try box.engine()
        _ = try engine.recover()
        // c3 changes /etc/a again and adds /etc/c; /etc/b is as deployed.
        let report = try engine.apply(Self.full("d3", to: "c3", [("/etc/a", "a3\n"), ("/etc/b", "b1\n"), ("/etc/c", "c3\n")]))
        #expect(report.status == .applied, "\(report.message) \(report.files)")
        #expect(report.files.map(\.status) == [.written, .unchanged, .written])
        #expect(report.message.contains("re-established"), "\(report.message)")
        #expect(box.read("/etc/a") == "a3\n" && box.read("/etc/c") == "c3\n")
        let state = try engine.state()
        #expect(state.unknown == nil && state.commit == "c3")
        #expect(state.manifest.keys.sorted() == ["/etc/a", "/etc/b", "/etc/c"])
        #expect(try engine.drift().isEmpty)

        let restarted = try box.engine()
        #expect(restarted.stateWarnings.isEmpty)
        #expect(try restarted.state() == state)
    }

    @Test("a file that is neither the target nor a recorded version is drift: refused, left alone, the state still unknown")
    func driftStillRefused() throws {
        let box = try Self.deployedTwice()
        try Self.damageFirstBlock(box)
        try box.write("/etc/b", "edited by hand\n")
        let engine = try box.engine()
        _ = try engine.recover()
        let request = Self.full("d3", to: "c3", [("/etc/a", "a3\n"), ("/etc/b", "b3\n")])
        let report = try engine.apply(request)
        #expect(report.status == .refused)
        #expect(report.files.map(\.path) == ["/etc/b"])
        #expect(report.files.first?.status == .drifted)
        #expect(report.files.first?.driftedContent == Array("edited by hand\n".utf8))
        #expect(report.message.contains("state is unknown"), "\(report.message)")
        #expect(box.read("/etc/a") == "a2\n" && box.read("/etc/b") == "edited by hand\n")
        #expect(try engine.state().unknown != nil)
        #expect(try box.engine().state().unknown != nil, "a refusal saves nothing: the damage is found again")

        var forced = request
        forced.deployID = "d4"
        forced.force = true
        #expect(try engine.apply(forced).status == .applied)
        #expect(try engine.state().commit == "c3")
    }

    @Test("the last save cut short with no apply in flight: the node is unknown and the next deploy converges")
    func cutLastSave() throws {
        let box = try Self.deployedTwice()
        // Cut inside c2's `saved` line: the node would otherwise believe it is at c1, with /etc/a = a1.
        let path = box.state + "/state.log"
        let bytes = try #require(FileManager.default.contents(atPath: path))
        try Data(bytes.dropLast(5)).write(to: URL(fileURLWithPath: path))
        let engine = try box.engine()
        _ = try engine.recover()
        #expect(try engine.state().commit == nil)
        #expect(engine.stateWarnings.first?.contains("cut short") == true, "\(engine.stateWarnings)")
        let report = try engine.apply(Self.full("d3", to: "c3", [("/etc/a", "a3\n"), ("/etc/b", "b1\n")]))
        #expect(report.status == .applied, "\(report.message) \(report.files)")
        #expect(box.read("/etc/a") == "a3\n")
    }

    @Test("a save cut short by a crash while the journal holds the apply: dropped, and the recovery saves again")
    func cutSaveWithJournal() throws {
        let box = try Sandbox()
        var engine = try box.engine()
        _ = try engine.apply(Requests.request("d1", from: nil, to: "c1", [Requests.put("/etc/a", "a1\n")]))
        engine = try box.engine(faultPoint: { $0 == .stateWritten })
        #expect(throws: SimulatedCrash.self) {
            try engine.apply(Requests.request("d2", from: "c1", to: "c2", [Requests.put("/etc/a", "a2\n", old: "a1\n")]))
        }
        // The crash came before the append was whole: cut it.
        let path = box.state + "/state.log"
        let bytes = try #require(FileManager.default.contents(atPath: path))
        try Data(bytes.dropLast(5)).write(to: URL(fileURLWithPath: path))

        engine = try box.engine()
        #expect(try engine.state().commit == "c1")
        #expect(engine.stateWarnings.first?.contains("the apply in the journal saves again") == true)
        #expect(try engine.recover().resolution == .completed)
        #expect(try engine.state().commit == "c2")
        #expect(try box.engine().state().commit == "c2")
        #expect(try box.engine().stateWarnings.isEmpty)
    }
}
