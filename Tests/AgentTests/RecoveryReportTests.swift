import Testing
@testable import Agent

/// What recovery did reads as a sentence (the agent's first log line), not a Swift value.
@Suite struct RecoveryReportTests {
    @Test func recoveryReadsAsASentence() {
        #expect(RecoveryReport(deployID: nil, resolution: .nothingInFlight, actions: [], removed: []).sentence
            == "recovery: no apply was in flight")
        let finished = RecoveryReport(
            deployID: "d-7", resolution: .completed,
            actions: [ActionResult(pattern: "p", command: "reload", exitStatus: 1, outputTail: "", durationMillis: 3)],
            removed: ["/etc/.confsync-old-d-7-0"])
        #expect(finished.sentence == "recovery: deploy d-7 stopped after its journal and was finished (every new file in place); "
            + "ran 1 command(s), 1 failed; removed 1 leftover file(s)")
        #expect(!finished.sentence.contains("RecoveryReport("))
    }
}
