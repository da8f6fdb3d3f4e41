/// Where to connect or listen: an IPv4 or IPv6 literal or a host name, and a TCP port.
public struct Endpoint: Sendable, Hashable, CustomStringConvertible {
    /// A name resolved with getaddrinfo, or an address literal. For a listener, "" means
    /// every local address (IPv6 and IPv4 where the system allows).
    public var host: String
    /// The TCP port; 0 asks a listener for an ephemeral port.
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// `host:port`, with IPv6 literals in brackets.
    public var description: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}
