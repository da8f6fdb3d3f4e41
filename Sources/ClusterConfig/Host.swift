/// One host of a group's `host` statement.
public struct Host: Sendable, Hashable {
    /// The host name, lowercased as csync2 does (it compares it with the local host name).
    public let name: String
    /// Written in parentheses: this host only receives the group's files, it never deploys them.
    public let receiveOnly: Bool
    /// The address after `@` (csync2: the name used to connect), without its port.
    public let address: String?
    /// The port of `name@address:port` (a confsync addition), or nil.
    public let port: Int?

    public init(name: String, receiveOnly: Bool = false, address: String? = nil, port: Int? = nil) {
        self.name = name
        self.receiveOnly = receiveOnly
        self.address = address
        self.port = port
    }
}
