import Director
import Foundation
import GitStore
import Ledger
import TestSupport

/// A director repository with one commit, in a temporary directory, for the tests of the
/// deploy ledger (LedgerTests) and of what a deploy records (DeployTests' FoundRecordTests).
public final class LedgerScratch {
    private let directory: TemporaryDirectory
    public let director: DirectorRepository
    public let commit: ObjectID
    public static let author = Signature(name: "test", email: "test@localhost", time: 1_700_000_000)

    public init() throws {
        directory = try TemporaryDirectory(prefix: "recording")
        try FileManager.default.createDirectory(atPath: directory.path("root"), withIntermediateDirectories: true)
        director = try DirectorRepository.initialize(
            repository: directory.path("repo.git"), root: directory.path("root"),
            settings: RepositorySettings(clusterFile: "/etc/csync2.cfg", host: "director"))
        commit = try Self.commit("a\n", parents: [], in: director.repository)
    }

    /// A commit after `commit`.
    public func nextCommit() throws -> ObjectID {
        try Self.commit("b\n", parents: [commit], in: director.repository)
    }

    private static func commit(_ content: String, parents: [ObjectID], in repository: Repository) throws -> ObjectID {
        let blob = try repository.writeBlob(Array(content.utf8))
        let tree = try repository.writeTree(["etc/a": TreeEntry(id: blob, mode: .blob)])
        return try repository.createCommit(
            tree: tree, parents: parents, author: author, committer: author, message: content, updating: nil,
            expected: nil)
    }

    public var ledger: DeployLedger { DeployLedger(director) }

    public func record(_ node: String, _ status: DeployRecord.Status, deployID: String = "d1", at: Int64 = 100) -> DeployRecord {
        DeployRecord(
            deployID: deployID, node: node, director: "director", user: "alice", at: at, fromCommit: nil,
            toCommit: commit, status: status, message: "", files: [], actions: [], driftSaved: nil)
    }

    /// The nodes and statuses the notes record on `commit`.
    public func noted() throws -> [String] {
        try ledger.records(on: commit).map { "\($0.node) \($0.status.rawValue)" }
    }

    /// The files in the journal directory (none when there is none).
    public func journals() throws -> [String] {
        let directory = DeployJournal.directory(repository: director.path)
        guard FileManager.default.fileExists(atPath: directory) else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: directory)
    }
}

extension DeployJournal {
    /// Appends `records`, encoded (as a deploy appends them).
    public func append(_ records: [DeployRecord]) throws {
        try append(records.map(EncodedRecord.init))
    }
}
