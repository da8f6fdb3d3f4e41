import Deploy
import Director
import Operations

/// What the director service shares with the web console running in its process: the
/// node connections it keeps, and word of the console's deploys, so that what the service
/// knows of the nodes stays true (`WarmState`).
public struct SharedWarmState: Sendable {
    public let sessions: WarmSessions
    let state: WarmState

    /// A commit of the live files as the service makes it (looking only at what its watch
    /// saw change, when it can tell).
    public func commit(_ operations: DirectorOperations, _ request: CommitRequest) throws -> CommitResult {
        try state.commit(operations, request)
    }

    /// After a deploy made beside the service: settled when it went to every node of HEAD
    /// and all of them are at it; otherwise what the service knew of the nodes is dropped.
    public func deployed(_ report: DeployReport, toEveryNodeOfHead: Bool) {
        if toEveryNodeOfHead { state.deployed(report) } else { state.forgetNodes() }
    }

    /// Something beside the service may have moved the nodes (a deploy that failed midway):
    /// the next sync asks them.
    public func forgetNodes() {
        state.forgetNodes()
    }
}

extension DirectorService {
    /// For the web console in this process.
    public var shared: SharedWarmState { SharedWarmState(sessions: warm.sessions, state: warm) }
}
