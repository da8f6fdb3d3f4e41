import Foundation
import Posix
import Testing

@testable import Agent

/// `state` plus `state.log`: saves append, compaction rewrites, crashes cost nothing.
@Suite("State store")
struct StateStoreTests {
    private static func entry(_ path: String, _ blob: String) -> ManifestEntry {
        ManifestEntry(path: path, blobID: blob, mode: 0o644, owner: "root", group: "root")
    }

    private static func deploy(_ id: String, _ commit: String) -> DeployRecord {
        DeployRecord(deployID: id, commit: commit, status: .applied, at: 42, director: "lvs1", user: "admin")
    }

    /// A state of `count` files named /srv/fNNNNN at blob "b0".
    private static func big(_ count: Int) -> NodeState {
        var state = NodeState(commit: "c0", lastDeploy: deploy("d0", "c0"))
        for index in 0..<count {
            let path = "/srv/f\(index)"
            state.manifest[path] = entry(path, "b0")
        }
        return state
    }

    private static func size(_ path: String) -> Int {
        (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? -1
    }

    @Test("small saves append to the log; loading replays them, drops included")
    func appends() throws {
        let sandbox = try Sandbox()
        let directory = try Directory.openCreating(sandbox.state, mode: 0o700)
        let (store, empty, warnings) = try StateStore.load(from: directory)
        #expect(empty == NodeState())
        #expect(warnings.isEmpty)

        var state = Self.big(5000)
        try store.save(state, paths: state.manifest.keys, in: directory)
        let snapshot = Self.size(sandbox.state + "/state")
        #expect(snapshot > 100_000, "a large first save writes the state whole")

        state.commit = "c1"
        state.lastDeploy = Self.deploy("d1", "c1")
        state.manifest["/srv/f7"] = Self.entry("/srv/f7", "b1")
        state.manifest["/srv/f8"] = nil
        state.manifest["/srv/new\tname"] = Self.entry("/srv/new\tname", "b2")
        try store.save(state, paths: ["/srv/f7", "/srv/f8", "/srv/new\tname"], in: directory)
        state.lastDeploy?.status = .failed
        try store.save(state, paths: [], in: directory)

        #expect(Self.size(sandbox.state + "/state") == snapshot, "small saves leave the state file alone")
        let log = try #require(FileManager.default.contents(atPath: sandbox.state + "/state.log"))
        #expect(log.count < 1000)
        #expect(String(decoding: log, as: UTF8.self).contains("drop\t/srv/f8\nfile\t/srv/new\\tname\t"))
        #expect(try StateStore.load(from: directory).state == state)
    }

    @Test("when the log outgrows half the state, a save writes the state whole and empties the log")
    func compacts() throws {
        let sandbox = try Sandbox()
        let directory = try Directory.openCreating(sandbox.state, mode: 0o700)
        var state = Self.big(3000)
        let store = try StateStore.load(from: directory).store
        try store.save(state, paths: state.manifest.keys, in: directory)
        let snapshot = Self.size(sandbox.state + "/state")
        var compacted = false
        for round in 1...3000 {
            let path = "/srv/f\(round % 3000)"
            state.manifest[path] = Self.entry(path, "r\(round)")
            state.commit = "c\(round)"
            try store.save(state, paths: [path], in: directory)
            if Self.size(sandbox.state + "/state.log") < 100 {
                compacted = true
                break
            }
            #expect(Self.size(sandbox.state + "/state.log") <= max(StateStore.compactionFloor, snapshot / 2))
        }
        #expect(compacted)
        #expect(try StateStore.load(from: directory).state == state)
    }

    /// A state of 10 files saved whole, then c1 changing /srv/f1 appended to the log.
    private static func twoSaves(_ sandbox: Sandbox) throws -> (Directory, NodeState) {
        let directory = try Directory.openCreating(sandbox.state, mode: 0o700)
        var state = Self.big(10)
        let store = try StateStore.load(from: directory).store
        try store.save(state, paths: state.manifest.keys, in: directory)
        state.commit = "c1"
        state.manifest["/srv/f1"] = Self.entry("/srv/f1", "b1")
        try store.save(state, paths: ["/srv/f1"], in: directory)
        return (directory, state)
    }

    private static func append(_ bytes: some Sequence<UInt8>, to path: String) throws {
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data(bytes))
        try handle.close()
    }

    private static func contents(_ path: String) throws -> [UInt8] {
        Array(try #require(FileManager.default.contents(atPath: path)))
    }

    @Test("a torn last block while the journal holds the apply is dropped with a warning, and overwritten by the next save")
    func tornTailWithJournal() throws {
        let sandbox = try Sandbox()
        var (directory, state) = try Self.twoSaves(sandbox)
        let saved = state
        // A crash in the middle of an append: half a block, no `saved` line; the journal stays.
        let torn = StateLog.block(NodeState(commit: "never"), paths: ["/srv/f1"]).dropLast(9)
        try Self.append(torn, to: sandbox.state + "/state.log")
        _ = FileManager.default.createFile(atPath: sandbox.state + "/journal", contents: Data())

        let (reloaded, loaded, warnings) = try StateStore.load(from: directory)
        #expect(loaded == saved)
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains("state.log:") == true && warnings.first?.contains("cut short") == true)
        state.commit = "c2"
        state.manifest["/srv/f1"] = Self.entry("/srv/f1", "b9")
        try reloaded.save(state, paths: ["/srv/f1"], in: directory)
        #expect(try StateStore.load(from: directory).state == state)
        #expect(try StateStore.load(from: directory).warnings.isEmpty)
        let log = String(decoding: try Self.contents(sandbox.state + "/state.log"), as: UTF8.self)
        #expect(!log.contains("never"))
    }

    @Test("a torn last block with no apply in flight leaves the state unknown, its versions recorded")
    func tornTailWithoutJournal() throws {
        let sandbox = try Sandbox()
        let (directory, state) = try Self.twoSaves(sandbox)
        var next = state
        next.commit = "c2"
        next.manifest["/srv/f2"] = Self.entry("/srv/f2", "b2")
        // Cut inside its `saved` line: every record of the block is there, the seal is not.
        let torn = StateLog.block(next, paths: ["/srv/f2"]).dropLast(5)
        try Self.append(torn, to: sandbox.state + "/state.log")

        let (_, loaded, warnings) = try StateStore.load(from: directory)
        let unknown = try #require(loaded.unknown)
        #expect(loaded.commit == nil && loaded.manifest.isEmpty)
        #expect(unknown.reason.contains("state.log:") && unknown.reason.contains("cut short"), "\(unknown.reason)")
        #expect(unknown.recorded["/srv/f1"] == [Self.entry("/srv/f1", "b0"), Self.entry("/srv/f1", "b1")])
        #expect(unknown.recorded["/srv/f2"]?.contains(Self.entry("/srv/f2", "b2")) == true)
        #expect(warnings.count == 1 && warnings.first?.contains("unknown") == true)
    }

    @Test(
        "damage anywhere leaves the state unknown, never a failed load",
        arguments: ["empty log", "log of another version", "bit flip before the last block", "damaged state"])
    func damageMakesStateUnknown(damage: String) throws {
        let sandbox = try Sandbox()
        let (directory, state) = try Self.twoSaves(sandbox)
        let logPath = sandbox.state + "/state.log"
        // One more save, so that the log holds two blocks.
        var last = state
        last.commit = "c2"
        last.manifest["/srv/f3"] = Self.entry("/srv/f3", "b3")
        try StateStore.load(from: directory).store.save(last, paths: ["/srv/f3"], in: directory)
        var log = try Self.contents(logPath)
        switch damage {
        case "empty log":
            log = []
        case "log of another version":
            log[StateLog.kind.utf8.count + 1] = UInt8(ascii: "7")
        case "bit flip before the last block":
            let firstBlock = try #require(log.firstIndex(of: UInt8(ascii: "\n"))) + 1
            log[firstBlock + 3] ^= 0x20
        default:
            try Data("confsync-state\t1\ncommit\tc0\nfile\t/srv/f1".utf8).write(to: URL(fileURLWithPath: sandbox.state + "/state"))
        }
        try Data(log).write(to: URL(fileURLWithPath: logPath))
        let damagedLog = try Self.contents(logPath)
        let damagedState = FileManager.default.contents(atPath: sandbox.state + "/state")

        let (store, loaded, warnings) = try StateStore.load(from: directory)
        let unknown = try #require(loaded.unknown, "\(damage)")
        #expect(loaded.commit == nil && loaded.manifest.isEmpty)
        #expect(warnings.count == 1 && warnings.first?.contains(unknown.reason) == true)
        if damage != "empty log" && damage != "damaged state" {
            #expect(unknown.recorded["/srv/f3"]?.contains(Self.entry("/srv/f3", "b3")) == true, "a whole block after damage is a hint")
        }

        // Saves while the state is unknown write nothing: the next start finds the same damage.
        var stillUnknown = loaded
        stillUnknown.lastDeploy = Self.deploy("d9", "c9")
        try store.save(stillUnknown, paths: [], in: directory)
        #expect(try Self.contents(logPath) == damagedLog)
        #expect(FileManager.default.contents(atPath: sandbox.state + "/state") == damagedState)

        // The save that re-establishes it writes `state` whole and starts a new log.
        let established = NodeState(commit: "c9", manifest: ["/srv/f1": Self.entry("/srv/f1", "b9")])
        try store.save(established, paths: ["/srv/f1"], in: directory)
        #expect(try Self.contents(logPath) == StateLog.empty())
        let reloaded = try StateStore.load(from: directory)
        #expect(reloaded.state == established)
        #expect(reloaded.warnings.isEmpty)
    }

    @Test("a version 1 log is replayed, and the next save writes the state whole and a version 2 log")
    func upgradesVersionOne() throws {
        let sandbox = try Sandbox()
        let directory = try Directory.openCreating(sandbox.state, mode: 0o700)
        try Data(StateFile.encode(Self.big(3))).write(to: URL(fileURLWithPath: sandbox.state + "/state"))
        let old = "confsync-state-log\t1\ncommit\tc1\nfile\t/srv/f1\tb1\t644\troot\troot\nsaved\n"
        try Data(old.utf8).write(to: URL(fileURLWithPath: sandbox.state + "/state.log"))

        let (store, loaded, warnings) = try StateStore.load(from: directory)
        var expected = Self.big(3)
        expected.commit = "c1"
        expected.lastDeploy = nil
        expected.manifest["/srv/f1"] = Self.entry("/srv/f1", "b1")
        #expect(loaded == expected)
        #expect(warnings.isEmpty)

        expected.commit = "c2"
        try store.save(expected, paths: [], in: directory)
        #expect(try Self.contents(sandbox.state + "/state.log") == StateLog.empty())
        #expect(try StateFile.decode(Self.contents(sandbox.state + "/state"), file: "state") == expected)
        #expect(try StateStore.load(from: directory).state == expected)
    }

    @Test("blocks replayed over a state that already holds them change nothing")
    func replayIsIdempotent() throws {
        var state = Self.big(3)
        var log = StateLog.empty()
        state.manifest["/srv/f1"] = nil
        state.commit = "c1"
        log += StateLog.block(state, paths: ["/srv/f1"])
        state.manifest["/srv/f1"] = Self.entry("/srv/f1", "back")
        state.commit = "c2"
        log += StateLog.block(state, paths: ["/srv/f1"])
        var replayed = state
        let reading = StateLog.read(log, file: "state.log")
        #expect(reading.fault == nil)
        #expect(StateLog.replay(reading.blocks, onto: &replayed).problem == nil)
        #expect(replayed == state)
    }

    @Test("a change whose save fails is undone in memory")
    func failedSaveIsUndone() {
        let before = Self.big(3)
        let cell = StateCell(before)
        #expect(throws: AgentError.self) {
            try cell.change(paths: ["/srv/f1", "/srv/new"]) { state in
                state.commit = "c9"
                state.lastDeploy = Self.deploy("d9", "c9")
                state.manifest["/srv/f1"] = nil
                state.manifest["/srv/new"] = Self.entry("/srv/new", "b")
            } save: { _ in
                throw AgentError(.io, "disk full")
            }
        }
        #expect(cell.value == before)
    }
}
