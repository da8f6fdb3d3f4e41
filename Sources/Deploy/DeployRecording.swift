import Director
import Foundation
import GitStore

/// Records one deploy in the repository as it goes: each node's drifted files and node ref
/// as soon as that node is done (while the others still apply), then one note with the
/// records of every node the deploy changed or could not bring to the commit.
///
/// A node found already at the commit is not written into the note (a `sync` run from cron
/// with nothing to do would otherwise grow the note of the same commit forever); its node ref
/// is corrected if it pointed elsewhere.
struct DeployRecording {
    private let director: DirectorRepository
    private let ledger: DeployLedger
    private let deployID: String
    private let commit: ObjectID
    private let user: String
    private let author: Signature
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
        author = Signature(
            name: user, email: "\(user)@\(director.settings.host)", time: Int64(Date().timeIntervalSince1970),
            offsetMinutes: Int32(TimeZone.current.secondsFromGMT() / 60))
    }

    /// Keeps the drifted files `outcome` brought back and moves the node's ref. An error is
    /// kept in `firstError` rather than thrown, so that the other nodes are still recorded.
    mutating func nodeFinished(_ outcome: NodeOutcome) {
        do {
            if outcome.status == .upToDate {
                try director.withLock { try ledger.mark([outcome.node], at: commit, deployID: deployID) }
                return
            }
            let saved = try ledger.saveDrift(outcome.drifted, node: outcome.node, deployID: deployID, author: author)
            let record = DeployRecord(
                outcome: outcome, deployID: deployID, director: director.settings.host, user: user, at: author.time,
                driftSaved: saved?.hex)
            records[outcome.node] = record
            try director.withLock { try ledger.moveNodeRef(record) }
        } catch {
            if firstError == nil { firstError = error }
        }
    }

    /// Writes the note with the records of `outcomes` (in that order), then throws the first
    /// error met on the way, if any.
    func finish(_ outcomes: [NodeOutcome]) throws {
        let noted = outcomes.compactMap { records[$0.node] }
        try director.withLock { try ledger.appendNote(noted, on: commit, author: author) }
        if let firstError { throw firstError }
    }
}
