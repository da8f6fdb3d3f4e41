/// What a deploy tells while it runs (from worker threads, as it happens), per node and in
/// this order: `connecting`, `planning` (once its state is read), `sending` (when it has
/// changes to send), `finished`. A node that cannot be reached (or refuses the connection)
/// goes from `connecting` to `finished`; one that needs nothing, or is busy with another
/// deploy, from `planning` to `finished`.
public enum DeployProgress: Sendable {
    /// The connection to a node is being opened (or one kept from an earlier deploy, or
    /// opened early, is being taken and its state read again): the node's name.
    case connecting(node: String)
    /// A node's state is read; the deploy plans its change set (after every node's state is
    /// read, one node at a time): the node's name.
    case planning(node: String)
    /// A node's apply is on its way: its planned outcome (the changes, the actions to run).
    case sending(NodeOutcome)
    /// A node is done, or needs nothing (up to date, unreachable, busy): its outcome.
    case finished(NodeOutcome)

    /// The node the event is about.
    public var node: String {
        switch self {
        case .connecting(let node), .planning(let node): node
        case .sending(let outcome), .finished(let outcome): outcome.node
        }
    }

    /// The outcome of a node that is done; nil while it is on its way.
    public var finished: NodeOutcome? {
        if case .finished(let outcome) = self { return outcome }
        return nil
    }

    /// The phase a node is in, as the CLI and the console name it: "connecting", "planning",
    /// "sending", or the outcome's status ("deployed", "unreachable"...).
    public var phase: String {
        switch self {
        case .connecting: "connecting"
        case .planning: "planning"
        case .sending: "sending"
        case .finished(let outcome): outcome.status.rawValue
        }
    }
}
