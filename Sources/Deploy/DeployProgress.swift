/// What a deploy tells while it runs (from worker threads, as it happens): each node it
/// sends to as the sending starts, and each node as it is done.
public enum DeployProgress: Sendable {
    /// A node's apply is on its way: its planned outcome (the changes, the actions to run).
    case sending(NodeOutcome)
    /// A node is done, or needs nothing (up to date, unreachable, busy): its outcome.
    case finished(NodeOutcome)

    /// The outcome of a node that is done; nil while it is being sent to.
    public var finished: NodeOutcome? {
        if case .finished(let outcome) = self { return outcome }
        return nil
    }
}
