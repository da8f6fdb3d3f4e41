import Foundation
import Glibc
import Posix
import Testing

@testable import Agent

@Suite("Recovery edge cases")
struct RecoveryTests {
    @Test("a damaged journal stops recovery and applies, touching nothing")
    func damagedJournal() throws {
        let box = try CrashTests.crashedApply(at: .renamed(0), .plain)
        let journal = box.state + "/journal"
        let bytes = try #require(FileManager.default.contents(atPath: journal))
        try bytes.dropLast(4).write(to: URL(fileURLWithPath: journal))
        let tree = box.tree()

        let engine = try box.engine()
        let error = #expect(throws: AgentError.self) { try engine.recover() }
        #expect(error?.code == .journal)
        #expect(error?.message.contains("truncated") == true)
        #expect(box.tree() == tree)
        #expect(throws: AgentError.self) { try engine.apply(Requests.request("d3", from: "c1", to: "c3", [])) }
    }

    @Test("a torn last line of a done log does not count the command as done")
    func tornDoneLog() throws {
        let box = try Sandbox()
        let outbox = Outbox(directory: try Directory.openCreating(box.state + "/outbox", mode: 0o700))
        let file = OutboxFile(
            deployID: "d", commit: "c", phase: .forward,
            commands: [0, 1].map { OutboxCommand(index: $0, pattern: "p", logfile: nil, command: "true", paths: []) })
        try outbox.write(file)
        try outbox.markDone(file.name, 0, status: 0)
        let log = try outbox.directory.openForAppend(file.name + Outbox.doneSuffix, mode: 0o600)
        try log.write(Array("1 0".utf8))
        #expect(try outbox.done(file.name) == [0: 0])
    }

    @Test("pending commands left by a crash run at recovery, and a failure marks the deploy failed")
    func pendingCommandsAfterCrash() throws {
        // The files and the state are new; the journal, which holds the commands, is still there.
        let box = try CrashTests.crashedApply(at: .stateWritten, .failingAction)
        #expect(box.read("/marker") == nil)
        let recovery = try box.engine().recover()
        #expect(recovery.resolution == .completed)
        #expect(recovery.actions.map(\.exitStatus) == [0, 5])
        #expect(box.read("/marker") == "c2 0\n")
        #expect(try box.engine().state().lastDeploy?.status == .failed)
        #expect(try box.engine().pendingActions().map(\.command) == ["exit 5"])
        #expect(box.stateLeftovers() == [PendingFile.name])
    }

    @Test("a deploy's outbox file written by an earlier agent version runs its commands once")
    func outboxFileFromAnEarlierAgent() throws {
        let box = try CrashTests.crashedApply(at: .actionRan(0), .plain)
        #expect(box.read("/marker") == "c2 0\n")
        // Earlier agents wrote the commands to outbox/D.forward as well as to the journal.
        let outbox = Outbox(directory: try Directory.open(box.state + "/outbox"))
        let request = CrashTests.deploy(box, .plain)
        let journal = try Journal.decode(
            try #require(FileManager.default.contents(atPath: box.state + "/journal")).map { $0 }, file: "journal")
        try outbox.directory.writeAtomically(
            OutboxFile.name(request.deployID, .forward),
            OutboxFile(deployID: request.deployID, commit: "c2", phase: .forward, commands: journal.commands).encode())

        let recovery = try box.engine().recover()
        #expect(recovery.resolution == .completed)
        #expect(recovery.actions.map(\.exitStatus) == [0])
        #expect(box.read("/marker") == "c2 0\n")
        #expect(box.stateLeftovers().isEmpty)
        #expect(try box.engine().state().lastDeploy?.status == .applied)
    }
}
