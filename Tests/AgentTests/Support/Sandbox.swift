import Foundation
import Glibc
import Synchronization
import TestSupport
import Transport

@testable import Agent

/// A temp directory with a root and a state directory, removed at deinit. It is on tmpfs
/// (/dev/shm) when there is one: fault-point crashes do not depend on fsync, and the disk
/// of a shared build machine makes every fsync slow.
final class Sandbox {
    private let directory: TemporaryDirectory
    var base: String { directory.path }
    let root: String
    let state: String

    /// A sandbox under `parent` (default: /dev/shm when writable, else /tmp).
    init(parent: String? = nil) throws {
        let parent = parent ?? (access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp")
        directory = try TemporaryDirectory(prefix: "confsync-agent", in: parent)
        root = directory.path("root")
        state = directory.path("state")
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    func engine(
        options: ApplyEngine.Options = ApplyEngine.Options(),
        faultPoint: @escaping @Sendable (ApplyStep) -> Bool = { _ in false }
    ) throws -> ApplyEngine {
        try ApplyEngine(root: root, stateDirectory: state, options: options, faultPoint: faultPoint)
    }

    func live(_ path: String) -> String {
        root + path
    }

    /// Writes a live file directly (as an admin would), creating parents.
    func write(_ path: String, _ text: String, mode: UInt32 = 0o644) throws {
        let url = URL(fileURLWithPath: live(path))
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        chmod(live(path), mode_t(mode))
    }

    /// The live file's text; nil when absent.
    func read(_ path: String) -> String? {
        FileManager.default.contents(atPath: live(path)).map { String(decoding: $0, as: UTF8.self) }
    }

    func exists(_ path: String) -> Bool {
        var status = stat()
        return lstat(live(path), &status) == 0
    }

    func status(_ path: String) -> stat? {
        var status = stat()
        return lstat(live(path), &status) == 0 ? status : nil
    }

    /// Every path under the root (files and directories), relative, sorted.
    func tree() -> [String] {
        (FileManager.default.subpaths(atPath: root) ?? []).sorted()
    }

    /// Names in the state directory and its outbox other than `state`, `state.log` and `outbox` itself.
    func stateLeftovers() -> [String] {
        let top = (try? FileManager.default.contentsOfDirectory(atPath: state)) ?? []
        let outbox = (try? FileManager.default.contentsOfDirectory(atPath: state + "/outbox")) ?? []
        return (top.filter { $0 != "state" && $0 != "state.log" && $0 != "outbox" } + outbox.map { "outbox/" + $0 }).sorted()
    }
}

/// Building requests in tests.
enum Requests {
    static func blob(_ text: String) -> String {
        Digest.gitBlobID(Array(text.utf8))
    }

    static func put(
        _ path: String, _ text: String, old: String? = nil, mode: UInt32 = 0o644, owner: String = "root",
        group: String = "root"
    ) -> FileChange {
        FileChange.put(path, Array(text.utf8), mode: mode, owner: owner, group: group, expectedOldBlobID: old.map(blob))
    }

    static func delete(_ path: String, old: String) -> FileChange {
        FileChange.delete(path, expectedOldBlobID: blob(old))
    }

    static func request(
        _ id: String, from: String?, to: String, _ changes: [FileChange], actions: [ActionRequest] = [],
        force: Bool = false, rollbackOnFailure: Bool = false
    ) -> ApplyRequest {
        ApplyRequest(
            deployID: id, director: "lvs1", user: "admin", fromCommit: from, toCommit: to, force: force,
            changes: changes, actions: actions, rollbackOnFailure: rollbackOnFailure)
    }
}

/// Thread-safe recorder of the fault points an apply passes.
final class StepRecorder: Sendable {
    private let steps = Mutex<[ApplyStep]>([])

    func record(_ step: ApplyStep) {
        steps.withLock { $0.append(step) }
    }

    var all: [ApplyStep] {
        steps.withLock { $0 }
    }
}
