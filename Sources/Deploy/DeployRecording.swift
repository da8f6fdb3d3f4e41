import Director
import Foundation
import GitStore

/// Records one deploy in the repository as it goes, so that a director killed at any point
/// loses nothing that reached a node:
/// 1. the nodes about to be sent their apply, as in flight, in the deploy's journal;
/// 2. each node as soon as it is done (while the others still apply): its drifted files,
///    its record appended to the journal and synced, then its node ref;
/// 3. at the end, one note with the records of every node the deploy changed or could not
///    bring to the commit; then the journal is removed.
/// A journal left by a director that died is folded into the notes by the next deploy.
///
/// A node found already at the commit is written into the note only when the repository does
/// not know how it got there (`FoundRecord`), so that a `sync` run from cron with nothing to
/// do does not grow the note of the same commit forever; its node ref is corrected if it
/// pointed elsewhere.
struct DeployRecording {
    private let director: DirectorRepository
    private let ledger: DeployLedger
    private let deployID: String
    private let commit: ObjectID
    private let user: String
    private let author: Signature
    /// Created with the first record, so that a deploy with nothing to record writes no file.
    private var journal: DeployJournal?
    /// The deploys and nodes that the note on the commit holds a result for ("ID\0node"),
    /// read when the first node is found at the commit.
    private var recordedHere: Set<String>?
    /// The records made so far, by node.
    private var records: [String: DeployRecord] = [:]
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
            try journaled(inFlight)
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
                if let found = try foundRecord(outcome) {
                    records[outcome.node] = found
                    try journaled([found])
                }
                try director.withLock { try ledger.mark([outcome.node], at: commit, deployID: deployID) }
                return
            }
            let saved = try ledger.saveDrift(outcome.drifted, node: outcome.node, deployID: deployID, author: author)
            let record = makeRecord(outcome, driftSaved: saved?.hex)
            records[outcome.node] = record
            try journaled([record])
            try director.withLock { try ledger.moveNodeRef(record) }
        } catch {
            if firstError == nil { firstError = error }
        }
    }

    /// Writes the note with the records of `outcomes` (in that order) and removes the
    /// journal, then throws the first error met on the way, if any. Should the note fail,
    /// the journal stays and the next deploy records it.
    func finish(_ outcomes: [NodeOutcome]) throws {
        let noted = outcomes.compactMap { records[$0.node] }
        try director.withLock { try ledger.fold(noted, author: author) }
        if let journal {
            try DiskSync.fileSystem(of: director.path)
            try journal.remove()
        }
        if let firstError { throw firstError }
    }

    /// The record of a node found at the commit, when the repository does not say how it got
    /// there (see `FoundRecord`).
    private mutating func foundRecord(_ outcome: NodeOutcome) throws -> DeployRecord? {
        if recordedHere == nil {
            recordedHere = Set(try ledger.records(on: commit).filter { $0.status.finality >= DeployRecord.Status.found.finality }
                .map { $0.deployID + "\u{0}" + $0.node })
        }
        let finding = FoundRecord(
            node: outcome.node, commit: commit.hex, deployID: deployID, director: director.settings.host, user: user,
            at: Int64(Date().timeIntervalSince1970))
        if let last = outcome.lastDeploy, last.commit == commit.hex {
            guard recordedHere?.contains(last.deployID + "\u{0}" + outcome.node) == false else { return nil }
            return finding.putThere(by: last)
        }
        guard try director.repository.reference(DeployLedger.nodeRef(outcome.node)) != commit else { return nil }
        return finding.unexplained(lastDeploy: outcome.lastDeploy)
    }

    private func makeRecord(_ outcome: NodeOutcome, driftSaved: String?) -> DeployRecord {
        DeployRecord(
            outcome: outcome, deployID: deployID, director: director.settings.host, user: user, at: author.time,
            driftSaved: driftSaved)
    }

    private mutating func journaled(_ records: [DeployRecord]) throws {
        guard !records.isEmpty else { return }
        if journal == nil { journal = try DeployJournal(repository: director.path, deployID: deployID) }
        try journal?.append(records)
    }
}
