import Director
import Foundation
import GitStore
import LedgerTestSupport
import TestSupport
import Testing
@testable import Ledger

/// Deploy records through the journal: what a deploy whose director died leaves, how the
/// next deploy records it (once), and how records of one deploy and node settle.
@Suite struct DeployLedgerTests {
    typealias Scratch = LedgerScratch

    @Test func journalOfADeadDeployIsRecordedOnceAsInterrupted() throws {
        let scratch = try Scratch()
        do {
            // The deploy sent to two nodes, one answered, then its director died (the
            // descriptor closes, the lock goes).
            let journal = try DeployJournal(repository: scratch.director.path, deployID: "d1")
            try journal.append([scratch.record("n1", .inFlight), scratch.record("n2", .inFlight)])
            try journal.append([scratch.record("n1", .deployed)])
        }
        let shown = try scratch.ledger.records().map { "\($0.node) \($0.status.rawValue)" }
        #expect(shown == ["n1 deployed", "n2 interrupted"])

        #expect(try scratch.ledger.recoverInterrupted(author: Scratch.author) == 1)
        #expect(try scratch.noted() == ["n1 deployed", "n2 interrupted"])
        #expect(try scratch.journals().isEmpty)

        // Killed between the note and removing the journal: folding it again adds nothing.
        do {
            let journal = try DeployJournal(repository: scratch.director.path, deployID: "d1")
            try journal.append([scratch.record("n1", .inFlight), scratch.record("n2", .inFlight)])
            try journal.append([scratch.record("n1", .deployed)])
        }
        #expect(try scratch.ledger.recoverInterrupted(author: Scratch.author) == 1)
        #expect(try scratch.noted() == ["n1 deployed", "n2 interrupted"])
        #expect(try scratch.ledger.records().count == 2)
    }

    @Test func repositoryWithoutDeploysHasNoRecords() throws {
        let scratch = try Scratch()
        #expect(try scratch.ledger.records().isEmpty)
        #expect(try scratch.ledger.recoverInterrupted(author: Scratch.author) == 0)
    }

    @Test func journalOfARunningDeployIsLeftAlone() throws {
        let scratch = try Scratch()
        let journal = try DeployJournal(repository: scratch.director.path, deployID: "d1")
        try journal.append([scratch.record("n1", .inFlight)])
        #expect(try scratch.ledger.records().map(\.status) == [.inFlight])
        #expect(try scratch.ledger.recoverInterrupted(author: Scratch.author) == 0)
        #expect(try scratch.journals() == ["d1.jsonl"])
        #expect(try scratch.noted().isEmpty)
        withExtendedLifetime(journal) {}
    }

    @Test(arguments: [
        ([DeployRecord.Status.inFlight, .interrupted], DeployRecord.Status.interrupted),
        ([.interrupted, .found], .found),
        ([.found, .deployed], .deployed),
        ([.deployed, .interrupted, .found], .deployed),
        ([.failed, .inFlight], .failed),
    ])
    func mostFinalRecordOfADeployAndNodeStands(_ statuses: [DeployRecord.Status], _ expected: DeployRecord.Status) throws {
        let scratch = try Scratch()
        let records = statuses.map { scratch.record("n1", $0) } + [scratch.record("n2", .deployed)]
        let settled = DeployRecord.settled(records)
        #expect(settled.count == 2)
        #expect(settled.first { $0.node == "n1" }?.status == expected)
        #expect(DeployRecord.settled(records.reversed()).first { $0.node == "n1" }?.status == expected)
    }

    @Test func equallyFinalRecordsSettleTheSameWhateverTheirOrder() throws {
        let scratch = try Scratch()
        var early = scratch.record("n1", .found)
        early.foundBy = "d2"
        early.foundAt = 200
        var late = early
        late.foundBy = "d3"
        late.foundAt = 300
        #expect(DeployRecord.settled([early, late]) == [early])
        #expect(DeployRecord.settled([late, early]) == [early])
    }
}
