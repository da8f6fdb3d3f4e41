import Director
import Foundation
import GitStore
import TestSupport
import Testing
@testable import Ledger

/// Deploy records through the journal: what a deploy whose director died leaves, how the
/// next deploy records it (once), and how records of one deploy and node settle.
@Suite struct DeployLedgerTests {
    /// A director repository with one commit, in a temporary directory.
    final class Scratch {
        private let directory: TemporaryDirectory
        let director: DirectorRepository
        let commit: ObjectID
        static let author = Signature(name: "test", email: "test@localhost", time: 1_700_000_000)

        init() throws {
            directory = try TemporaryDirectory(prefix: "ledger")
            try FileManager.default.createDirectory(atPath: directory.path("root"), withIntermediateDirectories: true)
            director = try DirectorRepository.initialize(
                repository: directory.path("repo.git"), root: directory.path("root"),
                settings: RepositorySettings(clusterFile: "/etc/csync2.cfg", host: "director"))
            let repository = director.repository
            let blob = try repository.writeBlob(Array("a\n".utf8))
            let tree = try repository.writeTree(["etc/a": TreeEntry(id: blob, mode: .blob)])
            commit = try repository.createCommit(
                tree: tree, parents: [], author: Self.author, committer: Self.author, message: "a\n", updating: nil,
                expected: nil)
        }

        /// A commit after `commit`.
        func nextCommit() throws -> ObjectID {
            let repository = director.repository
            let blob = try repository.writeBlob(Array("b\n".utf8))
            let tree = try repository.writeTree(["etc/a": TreeEntry(id: blob, mode: .blob)])
            return try repository.createCommit(
                tree: tree, parents: [commit], author: Self.author, committer: Self.author, message: "b\n", updating: nil,
                expected: nil)
        }

        var ledger: DeployLedger { DeployLedger(director) }

        func record(_ node: String, _ status: DeployRecord.Status, deployID: String = "d1", at: Int64 = 100)
            -> DeployRecord
        {
            DeployRecord(
                deployID: deployID, node: node, director: "director", user: "alice", at: at, fromCommit: nil,
                toCommit: commit, status: status, message: "", files: [], actions: [], driftSaved: nil)
        }

        func noted() throws -> [String] {
            try ledger.records(on: commit).map { "\($0.node) \($0.status.rawValue)" }
        }

        /// The files in the journal directory (none when there is none).
        func journals() throws -> [String] {
            let directory = DeployJournal.directory(repository: director.path)
            guard FileManager.default.fileExists(atPath: directory) else { return [] }
            return try FileManager.default.contentsOfDirectory(atPath: directory)
        }
    }

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
