import Director
import Foundation
import GitStore
import Ledger

/// Records one deploy in the repository as it goes, so that a director killed at any point
/// loses nothing that reached a node:
/// 1. in the deploy's journal: how nodes got to the commits they are at, where the records
///    do not say (`FoundRecord`), and the nodes about to be sent their apply, as in flight;
/// 2. each node as soon as it is done (while the others still apply): its drifted files,
///    its record appended to the journal and synced, then its node ref;
/// 3. at the end, one note with the records of every node the deploy changed or could not
///    bring to the commit; then the journal is removed.
/// A journal left by a director that died is folded into the notes by the next deploy.
///
/// A node found already at the commit is written into the note only when the repository does
/// not know how it got there, so that a `sync` run from cron with nothing to do does not grow
/// the note of the same commit forever; its node ref is corrected if it pointed elsewhere.
struct DeployRecording {
    private let director: DirectorRepository
    private let ledger: DeployLedger
    private let deployID: String
    private let commit: ObjectID
    private let user: String
    private let author: Signature
    /// Created with the first record, so that a deploy with nothing to record writes no file.
    private var journal: DeployJournal?
    /// Per commit nodes were found at, the deploys and nodes its note holds a result for.
    private var recordedOn: [ObjectID: Set<String>] = [:]
    /// Records of how nodes got to the commits they were found at (`FoundRecord`).
    private var found: [EncodedRecord] = []
    /// The records made so far, by node, encoded once for the journal and the note.
    private var records: [String: EncodedRecord] = [:]
    /// The first error met while recording a node; the others are still recorded.
    private(set) var firstError: Error?

    init(director: DirectorRepository, deployID: String, commit: ObjectID, user: String) {
        self.director = director
        ledger = DeployLedger(director)
        self.deployID = deployID
        self.commit = commit
        self.user = user
        author = Self.signature(user: user, host: director.settings.host)
    }

    /// Who signs the deploy notes `user` makes on `host`, now.
    static func signature(user: String, host: String) -> Signature {
        Signature(
            name: user, email: "\(user)@\(host)", time: Int64(Date().timeIntervalSince1970),
            offsetMinutes: Int32(TimeZone.current.secondsFromGMT() / 60))
    }

    /// Journals `outcomes` (the nodes about to be sent their apply) as in flight.
    mutating func sending(_ outcomes: [NodeOutcome]) {
        let inFlight = outcomes.map { outcome in
            var record = makeRecord(outcome, driftSaved: nil)
            record.status = .inFlight
            record.message = "sent; no result yet"
            return record
        }
        do {
            try journaled(inFlight.map(EncodedRecord.init))
        } catch {
            if firstError == nil { firstError = error }
        }
    }

    /// Journals, before anything is sent, how the nodes got to the commits they were found
    /// at, where the repository does not say (`FoundRecord`): a node's next apply replaces
    /// the last deploy it remembers.
    mutating func nodesRead(_ outcomes: [NodeOutcome]) {
        do {
            var found: [EncodedRecord] = []
            for outcome in outcomes {
                if let record = try foundRecord(outcome) { found.append(try EncodedRecord(record)) }
            }
            try journaled(found)
            self.found += found
        } catch {
            if firstError == nil { firstError = error }
        }
    }

    /// Keeps the drifted files `outcome` brought back, journals its record and moves the
    /// node's ref. An error is kept in `firstError` rather than thrown, so that the other
    /// nodes are still recorded.
    mutating func nodeFinished(_ outcome: NodeOutcome) {
        do {
            if outcome.status == .upToDate {
                try director.withLock { try ledger.mark([outcome.node], at: commit, deployID: deployID) }
                return
            }
            let saved = try ledger.saveDrift(outcome.drifted, node: outcome.node, deployID: deployID, author: author)
            let record = try EncodedRecord(makeRecord(outcome, driftSaved: saved))
            records[outcome.node] = record
            try journaled([record])
            try director.withLock { try ledger.moveNodeRef(record.record) }
        } catch {
            if firstError == nil { firstError = error }
        }
    }

    /// Writes the notes with the records found, then those of `outcomes` (in that order),
    /// and removes the journal, then throws the first error met on the way, if any. Should
    /// a note fail, the journal stays and the next deploy records it.
    func finish(_ outcomes: [NodeOutcome]) throws {
        let noted = found + outcomes.compactMap { records[$0.node] }
        try director.withLock { try ledger.fold(noted, author: author) }
        if let journal {
            try DiskSync.fileSystem(of: director.path)
            try journal.remove()
        }
        if let firstError { throw firstError }
    }

    /// The record of how a node got to the commit it was found at, when the repository does
    /// not say (see `FoundRecord`); nil for a node busy with another deploy (the next one
    /// sees how that ends).
    private mutating func foundRecord(_ outcome: NodeOutcome) throws -> DeployRecord? {
        guard outcome.status != .busy, let at = outcome.fromCommit, director.repository.contains(at) else { return nil }
        let finding = FoundRecord(
            node: outcome.node, commit: at, deployID: deployID, director: director.settings.host, user: user,
            at: Int64(Date().timeIntervalSince1970))
        // The node's own word (the wire's hex) for the commit its last deploy targeted.
        if let last = outcome.lastDeploy, last.commit == at.hex {
            guard try !recorded(on: at).contains(last.deployID + "\u{0}" + outcome.node) else { return nil }
            return finding.putThere(by: last)
        }
        guard outcome.status == .upToDate, at == commit,
            try director.repository.reference(DeployLedger.nodeRef(outcome.node)) != commit
        else { return nil }
        return finding.unexplained(lastDeploy: outcome.lastDeploy)
    }

    /// The deploys and nodes ("ID\0node") the note on `commit` holds a result for.
    private mutating func recorded(on commit: ObjectID) throws -> Set<String> {
        if let known = recordedOn[commit] { return known }
        let known = Set(
            try ledger.records(on: commit).filter { $0.status.finality >= DeployRecord.Status.found.finality }
                .map { $0.deployID + "\u{0}" + $0.node })
        recordedOn[commit] = known
        return known
    }

    private func makeRecord(_ outcome: NodeOutcome, driftSaved: ObjectID?) -> DeployRecord {
        DeployRecord(
            outcome: outcome, deployID: deployID, director: director.settings.host, user: user, at: author.time,
            driftSaved: driftSaved)
    }

    private mutating func journaled(_ records: [EncodedRecord]) throws {
        guard !records.isEmpty else { return }
        if journal == nil { journal = try DeployJournal(repository: director.path, deployID: deployID) }
        try journal?.append(records)
    }
}
