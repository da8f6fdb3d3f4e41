import Foundation
import Glibc
import Testing

@testable import Agent

/// A command that failed (exit status, timeout, kill) stays pending: it runs again with every
/// apply until it succeeds or the director drops it.
@Suite("Pending actions")
struct PendingActionTests {
    /// Fails with 4 (after counting its run in /runs) until /ok exists.
    static func reload(_ box: Sandbox, paths: [String] = ["/etc/a"]) -> ActionRequest {
        ActionRequest(
            pattern: "/etc/*", commands: ["echo %% >> \(box.root)/runs; test -e \(box.root)/ok || exit 4"], paths: paths)
    }

    /// Runs of the reload so far, each the paths it got.
    static func runs(_ box: Sandbox) -> [String] {
        (box.read("/runs") ?? "").split(separator: "\n").map { String($0).replacing(box.root, with: "") }
    }

    @Test("a failed command runs again with the next apply, even one that changes no file, until it succeeds")
    func retriedUntilSuccess() throws {
        let box = try Sandbox()
        let engine = try box.engine()
        var report = try engine.apply(
            Requests.request("d1", from: nil, to: "c1", [Requests.put("/etc/a", "a")], actions: [Self.reload(box)]))
        #expect(report.status == .failed)
        #expect(try engine.pendingActions().map(\.exitStatus) == [4])

        // The director finds the node at c1 with a pending action: an apply without changes.
        report = try engine.apply(Requests.request("d2", from: "c1", to: "c1", []))
        #expect(report.status == .failed)
        #expect(report.actions.map(\.exitStatus) == [4])
        #expect(report.message.contains("pending 'echo %%"), "\(report.message)")
        #expect(try engine.pendingActions().map(\.deployID) == ["d2"])
        #expect(try engine.state().lastDeploy?.status == .failed)

        try box.write("/ok", "")
        report = try engine.apply(Requests.request("d3", from: "c1", to: "c1", []))
        #expect(report.status == .applied, "\(report.message)")
        #expect(report.actions.map(\.exitStatus) == [0])
        #expect(try engine.pendingActions().isEmpty)
        #expect(try engine.state().lastDeploy?.status == .applied)
        #expect(Self.runs(box) == ["/etc/a", "/etc/a", "/etc/a"])
        #expect(box.stateLeftovers().isEmpty)

        // Nothing pending: an apply without changes runs nothing.
        report = try engine.apply(Requests.request("d4", from: "c1", to: "c1", []))
        #expect(report.actions.isEmpty && report.message.hasPrefix("nothing to change"))
    }

    @Test("a pending command that the deploy runs anyway runs once, with the paths of both")
    func mergedWithTheDeploysOwn() throws {
        let box = try Sandbox()
        let engine = try box.engine()
        _ = try engine.apply(
            Requests.request("d1", from: nil, to: "c1", [Requests.put("/etc/a", "a")], actions: [Self.reload(box)]))
        try box.write("/ok", "")
        let report = try engine.apply(
            Requests.request(
                "d2", from: "c1", to: "c2", [Requests.put("/etc/b", "b")],
                actions: [Self.reload(box, paths: ["/etc/b"])]))
        #expect(report.status == .applied, "\(report.message)")
        #expect(report.actions.count == 1)
        #expect(Self.runs(box) == ["/etc/a", "/etc/b /etc/a"])
        #expect(try engine.pendingActions().isEmpty)
    }

    @Test("dropPendingActions forgets them without running them")
    func dropped() throws {
        let box = try Sandbox()
        let engine = try box.engine()
        _ = try engine.apply(
            Requests.request("d1", from: nil, to: "c1", [Requests.put("/etc/a", "a")], actions: [Self.reload(box)]))
        var request = Requests.request("d2", from: "c1", to: "c1", [])
        request.dropPendingActions = true
        let report = try engine.apply(request)
        #expect(report.status == .applied)
        #expect(report.actions.isEmpty)
        #expect(report.message == "dropped 1 pending action(s); nothing to change; at c1")
        #expect(try engine.pendingActions().isEmpty)
        #expect(Self.runs(box).count == 1)
        #expect(box.stateLeftovers().isEmpty)
    }

    @Test("with rollbackOnFailure, a failing retry does not roll back a deploy whose own commands succeeded")
    func retryDoesNotRollBack() throws {
        let box = try Sandbox()
        let engine = try box.engine()
        _ = try engine.apply(
            Requests.request("d1", from: nil, to: "c1", [Requests.put("/etc/a", "a")], actions: [Self.reload(box)]))
        let report = try engine.apply(
            Requests.request(
                "d2", from: "c1", to: "c2", [Requests.put("/etc/b", "b")],
                actions: [ActionRequest(pattern: "/etc/b", commands: ["true"], paths: ["/etc/b"])],
                rollbackOnFailure: true))
        #expect(report.status == .failed)
        #expect(report.commit == "c2")
        #expect(report.actions.map(\.exitStatus) == [0, 4])
        #expect(box.read("/etc/b") == "b")
        #expect(try engine.pendingActions().map(\.deployID) == ["d2"])
        #expect(box.tree().filter { $0.contains(".confsync-") }.isEmpty)
    }

    @Test("a timed-out command stays pending with status 137 and its own timeout")
    func timedOut() throws {
        let box = try Sandbox()
        let engine = try box.engine()
        let report = try engine.apply(
            Requests.request(
                "d1", from: nil, to: "c1", [Requests.put("/etc/a", "a")],
                actions: [ActionRequest(pattern: "p", commands: ["sleep 30"], paths: ["/etc/a"], timeoutMillis: 300)]))
        #expect(report.actions.first?.timedOut == true)
        let pending = try engine.pendingActions()
        #expect(pending.map(\.exitStatus) == [128 + SIGKILL])
        #expect(pending.map(\.timeoutMillis) == [300])
    }

    @Test("a retry cut short by a crash runs at recovery and settles the pending file")
    func crashDuringRetry() throws {
        let box = try Sandbox()
        _ = try box.engine().apply(
            Requests.request("d1", from: nil, to: "c1", [Requests.put("/etc/a", "a")], actions: [Self.reload(box)]))
        try box.write("/ok", "")
        let crashing = try box.engine(faultPoint: { $0 == .journalWritten })
        #expect(throws: SimulatedCrash.self) { try crashing.apply(Requests.request("d2", from: "c1", to: "c1", [])) }
        #expect(Self.runs(box).count == 1)
        let recovery = try box.engine().recover()
        #expect(recovery.resolution == .completed)
        #expect(recovery.actions.map(\.exitStatus) == [0])
        #expect(try box.engine().pendingActions().isEmpty)
        #expect(box.stateLeftovers().isEmpty)
    }

    @Test("the pending file round-trips and merges by pattern, command and logfile")
    func record() throws {
        let actions = [
            PendingAction(
                pattern: "/etc/*", command: "reload\t%%", logfile: "/var/log/x", paths: ["/etc/a b"], timeoutMillis: 5,
                deployID: "d1", exitStatus: -1, at: 7),
            PendingAction(
                pattern: "p", command: "c", logfile: nil, paths: [], timeoutMillis: nil, deployID: "d2", exitStatus: 137,
                at: 8),
        ]
        #expect(try PendingFile.decode(PendingFile.encode(actions), file: "pending") == actions)
        let own = [OutboxCommand(index: 0, pattern: "p", logfile: nil, command: "c", paths: ["/x"])]
        let merged = Retries.merge(own, actions)
        #expect(merged.map(\.command) == ["c", "reload\t%%"])
        #expect(merged.map(\.retry) == [false, true])
        #expect(merged.map(\.index) == [0, 1])
        #expect(merged[0].paths == ["/x"])
        let settled = PendingFile.settled(actions, after: merged, statuses: [0: 0, 1: 2], deployID: "d3", at: 9)
        #expect(settled.map(\.command) == ["reload\t%%"])
        #expect(settled.map(\.exitStatus) == [2] && settled.map(\.deployID) == ["d3"])
    }
}
