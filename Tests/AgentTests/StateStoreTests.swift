import Foundation
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
        let (store, empty) = try StateStore.load(from: directory)
        #expect(empty == NodeState())

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

    @Test("a torn last block is ignored on load and overwritten by the next save")
    func tornTail() throws {
        let sandbox = try Sandbox()
        let directory = try Directory.openCreating(sandbox.state, mode: 0o700)
        var state = Self.big(10)
        let store = try StateStore.load(from: directory).store
        try store.save(state, paths: state.manifest.keys, in: directory)
        let saved = state

        // A crash in the middle of an append: half a block, no `saved` line.
        let torn = StateLog.block(NodeState(commit: "never"), paths: ["/srv/f1"]).dropLast(9)
        let handle = try #require(FileHandle(forWritingAtPath: sandbox.state + "/state.log"))
        handle.seekToEndOfFile()
        handle.write(Data(torn))
        try handle.close()

        let (reloaded, loaded) = try StateStore.load(from: directory)
        #expect(loaded == saved)
        state.commit = "c2"
        state.manifest["/srv/f1"] = Self.entry("/srv/f1", "b9")
        try reloaded.save(state, paths: ["/srv/f1"], in: directory)
        #expect(try StateStore.load(from: directory).state == state)
        let log = String(decoding: try #require(FileManager.default.contents(atPath: sandbox.state + "/state.log")), as: UTF8.self)
        #expect(!log.contains("never"))
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

    @Test("damage before the last block is an error, not a silently shorter history")
    func damagedMiddle() throws {
        let sandbox = try Sandbox()
        let directory = try Directory.openCreating(sandbox.state, mode: 0o700)
        var log = StateLog.empty() + Array("commit\tc1\nfile\t/x\\q\n".utf8) + Array("saved\n".utf8)
        log += StateLog.block(Self.big(1), paths: [])
        try Data(log).write(to: URL(fileURLWithPath: sandbox.state + "/state.log"))
        let error = #expect(throws: AgentError.self) {
            _ = try StateStore.load(from: directory)
        }
        #expect(error?.message.hasPrefix(sandbox.state + "/state.log:2: ") == true, "\(error?.message ?? "")")
    }

    @Test("a version 1 log is replayed, and the next save writes the state whole and a version 2 log")
    func upgradesVersionOne() throws {
        let sandbox = try Sandbox()
        let directory = try Directory.openCreating(sandbox.state, mode: 0o700)
        try Data(StateFile.encode(Self.big(3))).write(to: URL(fileURLWithPath: sandbox.state + "/state"))
        let old = "confsync-state-log\t1\ncommit\tc1\nfile\t/srv/f1\tb1\t644\troot\troot\nsaved\n"
        try Data(old.utf8).write(to: URL(fileURLWithPath: sandbox.state + "/state.log"))

        let (store, loaded) = try StateStore.load(from: directory)
        var expected = Self.big(3)
        expected.commit = "c1"
        expected.lastDeploy = nil
        expected.manifest["/srv/f1"] = Self.entry("/srv/f1", "b1")
        #expect(loaded == expected)

        expected.commit = "c2"
        try store.save(expected, paths: [], in: directory)
        let log = try #require(FileManager.default.contents(atPath: sandbox.state + "/state.log"))
        #expect(Array(log) == StateLog.empty())
        let whole = try #require(FileManager.default.contents(atPath: sandbox.state + "/state"))
        #expect(try StateFile.decode(Array(whole), file: "state") == expected)
        #expect(try StateStore.load(from: directory).state == expected)
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
