import Foundation
import GitStore
import Ledger
import LedgerTestSupport
import Testing
import Wire
@testable import Deploy

/// A node a deploy finds already at its commit: recorded when, and only when, the repository
/// does not say how it got there; never twice.
@Suite struct FoundRecordTests {
    typealias Scratch = LedgerScratch

    /// One deploy, `deployID`, that finds `node` at the scratch commit; the note's records after it.
    func deploy(_ scratch: Scratch, _ deployID: String, finds node: String, lastDeploy: DeployOutcome?) throws
        -> [DeployRecord]
    {
        var outcome = NodeOutcome(
            node: node, address: "127.0.0.1:1", status: .upToDate, fromCommit: scratch.commit,
            toCommit: scratch.commit)
        outcome.lastDeploy = lastDeploy
        var recording = DeployRecording(director: scratch.director, deployID: deployID, commit: scratch.commit, user: "bob")
        recording.nodesRead([outcome])
        recording.nodeFinished(outcome)
        try recording.finish([outcome])
        #expect(try scratch.journals().isEmpty)
        return try scratch.ledger.records(on: scratch.commit)
    }

    func applied(_ scratch: Scratch, _ deployID: String) -> DeployOutcome {
        DeployOutcome(deployID: deployID, commit: scratch.commit.hex, status: .applied, at: 123, director: "other", user: "alice")
    }

    @Test func nodeBroughtThereByAnUnrecordedDeployIsRecordedOnceAsThatDeploy() throws {
        let scratch = try Scratch()
        var records = try deploy(scratch, "d2", finds: "n1", lastDeploy: applied(scratch, "d1"))
        #expect(records.count == 1)
        let found = try #require(records.first)
        #expect(found.status == .found && found.deployID == "d1" && found.foundBy == "d2")
        #expect(found.at == 123 && found.user == "alice" && found.director == "other" && found.foundAt != nil)
        #expect(found.position == scratch.commit)
        records = try deploy(scratch, "d3", finds: "n1", lastDeploy: applied(scratch, "d1"))
        #expect(records == [found])
    }

    @Test func nodeWhoseDeployIsRecordedAddsNothing() throws {
        let scratch = try Scratch()
        try scratch.director.withLock { try scratch.ledger.fold([scratch.record("n1", .deployed)], author: Scratch.author) }
        let records = try deploy(scratch, "d2", finds: "n1", lastDeploy: applied(scratch, "d1"))
        #expect(records.map(\.status) == [.deployed])
    }

    @Test func interruptedRecordIsCompletedByTheFoundOne() throws {
        let scratch = try Scratch()
        try scratch.director.withLock { try scratch.ledger.fold([scratch.record("n1", .interrupted)], author: Scratch.author) }
        _ = try deploy(scratch, "d2", finds: "n1", lastDeploy: applied(scratch, "d1"))
        #expect(try scratch.ledger.records().map(\.status) == [.found])
    }

    @Test func nodeMovedOnFromAnUnrecordedCommitKeepsThatCommitsRecord() throws {
        // The node is at `commit` by d1, never recorded; d2 brings it to the next commit.
        let scratch = try Scratch()
        let next = try scratch.nextCommit()
        var outcome = NodeOutcome(
            node: "n1", address: "127.0.0.1:1", status: .deployed, fromCommit: scratch.commit, toCommit: next)
        outcome.lastDeploy = applied(scratch, "d1")
        var recording = DeployRecording(director: scratch.director, deployID: "d2", commit: next, user: "bob")
        recording.nodesRead([outcome])
        recording.nodeFinished(outcome)
        try recording.finish([outcome])
        let summary = { (commit: ObjectID) in
            try scratch.ledger.records(on: commit).map { "\($0.deployID) \($0.status.rawValue)" }
        }
        #expect(try summary(scratch.commit) == ["d1 found"])
        #expect(try summary(next) == ["d2 deployed"])
    }

    @Test func busyNodeIsLeftToTheNextDeploy() throws {
        let scratch = try Scratch()
        var outcome = NodeOutcome(
            node: "n1", address: "127.0.0.1:1", status: .busy, fromCommit: scratch.commit,
            toCommit: scratch.commit)
        outcome.lastDeploy = applied(scratch, "d1")
        var recording = DeployRecording(director: scratch.director, deployID: "d2", commit: scratch.commit, user: "bob")
        recording.nodesRead([outcome])
        recording.nodeFinished(outcome)
        try recording.finish([outcome])
        #expect(try scratch.ledger.records(on: scratch.commit).map(\.status) == [.busy])
    }

    @Test func nodeThatNamesNoDeployIsRecordedOnceAsFoundByThisOne() throws {
        let scratch = try Scratch()
        var records = try deploy(scratch, "d2", finds: "n1", lastDeploy: nil)
        let found = try #require(records.first)
        #expect(records.count == 1)
        #expect(found.status == .found && found.deployID == "d2" && found.foundBy == "d2" && found.user == "bob")
        #expect(found.message.contains("not known"))
        // Its node ref is at the commit now: the next deploy knows.
        #expect(try scratch.director.repository.reference(DeployLedger.nodeRef("n1")) == scratch.commit)
        records = try deploy(scratch, "d3", finds: "n1", lastDeploy: nil)
        #expect(records == [found])
    }
}
