import Foundation
import Glibc
import Synchronization
import Testing

@testable import Agent

/// Kills (simulates killing) an apply after each fault point in turn, then recovers with a
/// fresh engine, and checks that every file is all old or all new, the state agrees, no
/// scratch file is left, and the deploy's commands ran.
@Suite("Crash at every step")
struct CrashTests {
    enum Scenario: String, CaseIterable, CustomTestStringConvertible {
        case plain, failingAction, rollbackSucceeds, rollbackAfterFailure

        var testDescription: String { rawValue }
        var rollbackOnFailure: Bool { self == .rollbackSucceeds || self == .rollbackAfterFailure }
        var secondCommand: String { self == .failingAction || self == .rollbackAfterFailure ? "exit 5" : "true" }
    }

    /// A node at c1, set up in `box`.
    static func deployBase(_ box: Sandbox) throws {
        let report = try box.engine().apply(Self.base)
        #expect(report.status == .applied)
    }

    static let base = Requests.request(
        "d1", from: nil, to: "c1",
        [
            Requests.put("/etc/a", "a1"), Requests.put("/etc/b", "b1"), Requests.put("/etc/keep", "k"),
            Requests.put("/etc/sub/c", "c1"),
        ])

    /// d2: modify, delete, create in new directories, keep, change mode only; two commands.
    static func deploy(_ box: Sandbox, _ scenario: Scenario) -> ApplyRequest {
        deploy(root: box.root, scenario)
    }

    static func deploy(root: String, _ scenario: Scenario) -> ApplyRequest {
        Requests.request(
            "d2", from: "c1", to: "c2",
            [
                Requests.put("/etc/a", "a2", old: "a1"), Requests.delete("/etc/b", old: "b1"),
                Requests.put("/etc/new/deep/d", "d2"), Requests.put("/etc/keep", "k", old: "k"),
                Requests.put("/etc/sub/c", "c1", old: "c1", mode: 0o600),
            ],
            actions: [
                ActionRequest(
                    pattern: "/etc/*",
                    commands: [
                        "echo \"$CONFSYNC_COMMIT $CONFSYNC_ROLLBACK\" >> \(root)/marker", scenario.secondCommand,
                    ],
                    paths: ["/etc/a", "/etc/new/deep/d"])
            ],
            rollbackOnFailure: scenario.rollbackOnFailure)
    }

    /// A node at c1 whose apply of d2 (`scenario`) was killed right after `step`.
    static func crashedApply(at step: ApplyStep, _ scenario: Scenario) throws -> Sandbox {
        let box = try Sandbox()
        try deployBase(box)
        let crashing = try box.engine(faultPoint: { $0 == step })
        #expect(throws: SimulatedCrash.self) { try crashing.apply(deploy(box, scenario)) }
        return box
    }

    /// A fault hook that crashes at the `crashAt`-th fault point reached (0-based), and records all.
    static func hook(crashAt: Int?, recorder: StepRecorder) -> @Sendable (ApplyStep) -> Bool {
        { step in
            recorder.record(step)
            return recorder.all.count - 1 == crashAt
        }
    }

    /// The fault points of an uninterrupted apply of `scenario`.
    static func steps(_ scenario: Scenario) throws -> [ApplyStep] {
        let box = try Sandbox()
        try deployBase(box)
        let recorder = StepRecorder()
        _ = try box.engine(faultPoint: hook(crashAt: nil, recorder: recorder)).apply(deploy(box, scenario))
        return recorder.all
    }

    /// Checks the node after recovery; returns whether it is at the new commit.
    @discardableResult
    static func checkConsistent(_ box: Sandbox, _ scenario: Scenario, context: String) throws -> Bool {
        let engine = try box.engine()
        let state = try engine.state()
        let isNew = state.commit == "c2"
        #expect(isNew || state.commit == "c1", "\(context)")
        let files = ["/etc/a", "/etc/b", "/etc/keep", "/etc/new/deep/d", "/etc/sub/c"].map { box.read($0) }
        if isNew {
            #expect(files == ["a2", nil, "k", "d2", "c1"], "\(context)")
            #expect(box.status("/etc/sub/c").map { $0.st_mode & 0o7777 } == 0o600, "\(context)")
        } else {
            #expect(files == ["a1", "b1", "k", nil, "c1"], "\(context)")
            #expect(box.status("/etc/sub/c").map { $0.st_mode & 0o7777 } == 0o644, "\(context)")
            #expect(!box.exists("/etc/new"), "\(context)")
        }
        #expect(try engine.drift().isEmpty, "\(context)")
        #expect(box.tree().filter { $0.contains(".confsync-") }.isEmpty, "\(context): \(box.tree())")
        // A command that failed stays pending (see `checkActions`).
        #expect(box.stateLeftovers().filter { $0 != PendingFile.name }.isEmpty, "\(context): \(box.stateLeftovers())")
        return isNew
    }

    /// Checks that the node takes the next deploy (which drops a pending `exit 5`).
    static func checkStillWorks(_ box: Sandbox, context: String) throws {
        let engine = try box.engine()
        var request = Requests.request("d3", from: try engine.state().commit, to: "c3", [Requests.put("/etc/z", "z")])
        request.dropPendingActions = true
        let next = try engine.apply(request)
        #expect(next.status == .applied, "\(context): \(next.message)")
        #expect(try engine.pendingActions().isEmpty, "\(context)")
        #expect(box.stateLeftovers().isEmpty, "\(context): \(box.stateLeftovers())")
    }

    /// Checks that the deploy's commands ran (at least once) when the deploy got past its journal.
    static func checkActions(_ box: Sandbox, _ scenario: Scenario, committed: Bool, context: String) throws {
        let marker = box.read("/marker")?.split(separator: "\n").map(String.init) ?? []
        let lastDeploy = try box.engine().state().lastDeploy
        let pending = try box.engine().pendingActions().map(\.command)
        guard committed else {
            #expect(marker.isEmpty, "\(context)")
            #expect(lastDeploy?.deployID == "d1", "\(context)")
            #expect(pending.isEmpty, "\(context)")
            return
        }
        // The failing command stays pending, also when its re-run after a rollback failed.
        let failing = scenario == .failingAction || scenario == .rollbackAfterFailure
        #expect(pending == (failing ? ["exit 5"] : []), "\(context)")
        #expect(marker.contains("c2 0"), "\(context): \(marker)")
        switch scenario {
        case .plain, .rollbackSucceeds:
            #expect(lastDeploy?.status == .applied, "\(context)")
        case .failingAction:
            #expect(lastDeploy?.status == .failed, "\(context)")
        case .rollbackAfterFailure:
            #expect(marker.last == "c1 1", "\(context): \(marker)")
            #expect(lastDeploy?.status == .rolledBack, "\(context)")
        }
    }

    @Test("crash after each step of an apply, then recover", arguments: Scenario.allCases)
    func crashThenRecover(_ scenario: Scenario) throws {
        let steps = try Self.steps(scenario)
        let commitPoint = try #require(steps.firstIndex(of: .journalWritten))
        #expect(steps.contains(.renamed(0)) && steps.contains(.actionRan(0)))
        for (position, step) in steps.enumerated() {
            let context = "\(scenario) crash after #\(position) \(step)"
            let box = try Sandbox()
            try Self.deployBase(box)
            let crashing = try box.engine(faultPoint: Self.hook(crashAt: position, recorder: StepRecorder()))
            #expect(throws: SimulatedCrash.self, "\(context)") { try crashing.apply(Self.deploy(box, scenario)) }

            let recovery = try box.engine().recover()
            let committed = position >= commitPoint
            let journalGone = steps[...position].contains { $0 == .journalRemoved || $0 == .rollbackJournalRemoved }
            let expected: RecoveryReport.Resolution =
                !committed
                ? .discardedStaging
                : journalGone
                    ? .nothingInFlight
                    : scenario == .rollbackAfterFailure ? .rolledBack : .completed
            #expect(recovery.resolution == expected, "\(context)")
            let isNew = try Self.checkConsistent(box, scenario, context: context)
            #expect(isNew == (committed && scenario != .rollbackAfterFailure), "\(context)")
            try Self.checkActions(box, scenario, committed: committed, context: context)
            try Self.checkStillWorks(box, context: context)
        }
    }

    @Test("crash during the recovery of a crashed rollback, then recover again")
    func crashDuringRecovery() throws {
        let scenario = Scenario.rollbackAfterFailure
        let steps = try Self.steps(scenario)
        let applyCrashes = [ApplyStep.renamed(0), .actionRan(1), .rollbackJournalWritten, .restored(1)].compactMap(
            steps.firstIndex)
        #expect(applyCrashes.count == 4)
        for applyCrash in applyCrashes {
            let recoverySteps: [ApplyStep] = try {
                let box = try Sandbox()
                try Self.deployBase(box)
                let crashing = try box.engine(faultPoint: Self.hook(crashAt: applyCrash, recorder: StepRecorder()))
                _ = try? crashing.apply(Self.deploy(box, scenario))
                let recorder = StepRecorder()
                _ = try box.engine(faultPoint: Self.hook(crashAt: nil, recorder: recorder)).recover()
                return recorder.all
            }()
            #expect(!recoverySteps.isEmpty)
            for recoveryCrash in recoverySteps.indices {
                let context = "apply crash #\(applyCrash) \(steps[applyCrash]), "
                    + "recovery crash #\(recoveryCrash) \(recoverySteps[recoveryCrash])"
                let box = try Sandbox()
                try Self.deployBase(box)
                let crashing = try box.engine(faultPoint: Self.hook(crashAt: applyCrash, recorder: StepRecorder()))
                #expect(throws: SimulatedCrash.self) { try crashing.apply(Self.deploy(box, scenario)) }
                let recovering = try box.engine(faultPoint: Self.hook(crashAt: recoveryCrash, recorder: StepRecorder()))
                #expect(throws: SimulatedCrash.self) { try recovering.recover() }
                _ = try box.engine().recover()
                #expect(try !Self.checkConsistent(box, scenario, context: context))
                try Self.checkActions(box, scenario, committed: true, context: context)
                try Self.checkStillWorks(box, context: context)
            }
        }
    }

    @Test("a journal whose temp file vanished is rolled back")
    func lostTempFile() throws {
        let box = try Self.crashedApply(at: .renamed(0), .plain)
        // Someone removed the staged file of the new /etc/new/deep/d (change 2) before recovery.
        let temps = box.tree().filter { $0.contains(".confsync-tmp-d2-2") }
        #expect(temps.count == 1)
        for temp in temps { unlink(box.live("/" + temp)) }
        let recovery = try box.engine().recover()
        #expect(recovery.resolution == .rolledBack)
        #expect(try !Self.checkConsistent(box, .plain, context: "lost temp"))
        #expect(box.read("/marker") == nil)
    }

    @Test("stray scratch files next to managed files are removed by recover()")
    func strayScratchFiles() throws {
        let box = try Sandbox()
        try Self.deployBase(box)
        try box.write("/etc/.confsync-old-d0-3", "stale")
        try box.write("/etc/sub/.confsync-tmp-d0-1", "stale")
        try box.write("/etc/.confsync-notours", "kept")
        let recovery = try box.engine().recover()
        #expect(recovery.resolution == .nothingInFlight)
        #expect(
            recovery.removed.sorted() == [box.live("/etc/.confsync-old-d0-3"), box.live("/etc/sub/.confsync-tmp-d0-1")])
        #expect(box.exists("/etc/.confsync-notours"))
    }
}
