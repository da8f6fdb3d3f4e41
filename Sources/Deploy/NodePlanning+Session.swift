/// Planning on a real session: the decision acted on.
extension NodePlanning {
    /// What the runner does next with a node.
    enum Step {
        /// The node's outcome is final (its session, if any, released or closed).
        case finished(NodeOutcome)
        /// The session and the apply to send on it.
        case send(NodeWork)
    }

    /// Plans the node as it was opened, then ends its session as the decision says when
    /// nothing is to be sent, or hands the session over with the apply.
    mutating func plan(_ target: NodeTarget, opened: Result<NodeSession, Error>) -> Step {
        let session: NodeSession
        switch opened {
        case .failure(let error):
            return .finished(outcome(target, notOpened: error))
        case .success(let opened):
            session = opened
        }
        switch plan(target, node: session) {
        case .finished(let outcome, .release):
            session.release()
            return .finished(outcome)
        case .finished(let outcome, .close):
            session.close()
            return .finished(outcome)
        case .send(let planned):
            return .send(NodeWork(session: session, planned: planned))
        }
    }
}
