import Foundation
import Glibc
import TestSupport
import Testing

@testable import Agent

/// The same checks as `CrashTests`, with a real SIGKILL: the test binary runs itself as a
/// child that applies the deploy and kills itself at a chosen fault point.
@Suite("Real SIGKILL")
struct KillTests {
    static let childVariable = "CONFSYNC_AGENT_KILL_CHILD"
    static let childSpec = ProcessInfo.processInfo.environment[childVariable]

    /// Runs only in the child: "<root>|<state>|<scenario>|<fault point index>".
    @Test(.enabled(if: childSpec != nil))
    func child() throws {
        let fields = (Self.childSpec ?? "").split(separator: "|").map(String.init)
        let scenario = try #require(CrashTests.Scenario(rawValue: fields[2]))
        let crashAt = try #require(Int(fields[3]))
        let recorder = StepRecorder()
        let engine = try ApplyEngine(root: fields[0], stateDirectory: fields[1], options: ApplyEngine.Options()) {
            step in
            recorder.record(step)
            if recorder.all.count - 1 == crashAt { kill(getpid(), SIGKILL) }
            return false
        }
        _ = try engine.apply(CrashTests.deploy(root: fields[0], scenario))
        Issue.record("the child was not killed")
    }

    @Test("killed at fault points, the node recovers to all old or all new", .enabled(if: childSpec == nil))
    func killed() throws {
        for scenario in [CrashTests.Scenario.plain, .rollbackAfterFailure] {
            let steps = try CrashTests.steps(scenario)
            let commitPoint = try #require(steps.firstIndex(of: .journalWritten))
            let points = [
                ApplyStep.fileStaged(0), .journalWritten, .renamed(0), .stateWritten, .actionRan(0), .restored(1),
            ]
            .compactMap(steps.firstIndex)
            for position in points {
                let context = "\(scenario) SIGKILL after #\(position) \(steps[position])"
                let box = try Sandbox()
                try CrashTests.deployBase(box)
                let child = try ProcessRunner.run(
                    URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path,
                    ["--testing-library", "swift-testing", "--filter", "KillTests/child"],
                    environment: ProcessInfo.processInfo.environment.merging(
                        [Self.childVariable: "\(box.root)|\(box.state)|\(scenario.rawValue)|\(position)"]) { $1 },
                    standardOutput: .discard, standardError: .discard)
                #expect(child.wasSignalled && child.status == SIGKILL, "\(context)")

                _ = try box.engine().recover()
                let isNew = try CrashTests.checkConsistent(box, scenario, context: context)
                #expect(isNew == (position >= commitPoint && scenario == .plain), "\(context)")
                try CrashTests.checkActions(box, scenario, committed: position >= commitPoint, context: context)
            }
        }
    }
}
