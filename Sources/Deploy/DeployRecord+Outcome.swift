import GitStore
import Ledger

extension DeployRecord {
    /// The record of `outcome`, one node's part of deploy `deployID`.
    init(outcome: NodeOutcome, deployID: String, director: String, user: String, at: Int64, driftSaved: ObjectID?) {
        self.init(
            deployID: deployID, node: outcome.node, director: director, user: user, at: at,
            fromCommit: outcome.fromCommit, toCommit: outcome.toCommit, status: Status(outcome.status),
            message: outcome.message,
            files: outcome.files.map { File(path: $0.path, status: "\($0.status)", message: $0.message.isEmpty ? nil : $0.message) },
            actions: outcome.actions.map {
                ActionRun(
                    pattern: $0.pattern, command: $0.command, exitStatus: $0.exitStatus,
                    outputTail: $0.outputTail, durationMillis: $0.durationMillis)
            },
            driftSaved: driftSaved)
    }
}

extension DeployRecord.Status {
    /// The status a node's outcome is recorded with.
    init(_ status: NodeOutcome.Status) {
        switch status {
        case .upToDate: self = .upToDate
        case .deployed: self = .deployed
        case .planned: self = .planned
        case .refused: self = .refused
        case .failed: self = .failed
        case .rolledBack: self = .rolledBack
        case .unreachable: self = .unreachable
        case .busy: self = .busy
        }
    }
}
