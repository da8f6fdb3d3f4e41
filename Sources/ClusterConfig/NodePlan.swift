/// A host that a director deploys to, with what it receives.
public struct NodePlan: Sendable {
    /// The host name (lowercase).
    public let name: String
    /// The merged settings (confsync block first, then the `@address:port` of `host` lines).
    public let settings: HostSettings
    /// Where to connect: the settings' address, else the host name.
    public let address: String
    /// The agent port: the settings' port, else the cluster's default port.
    public let port: Int
    /// The director's groups this node is a member of, in file order.
    public let groups: [Group]
    /// True when the node is parenthesised in every one of those groups.
    public let receiveOnly: Bool
    /// The director this plan was made for (whose `%prefix%` values are used).
    public let director: String
    /// The director's paths as the node names them: a file under a `%prefix%` directory of
    /// the director goes under the node's directory for that prefix.
    public let toNode: PathRenaming

    /// Is `path` (a path on the director) one of this node's files?
    public func manages(_ path: String) -> Bool {
        groups.contains { $0.manages(path, asSeenBy: director) }
    }
}
