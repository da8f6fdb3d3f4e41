/// How to reach and authenticate one host: from `confsync { host NAME { ... } }`, or the
/// `@address:port` of a `host` statement.
public struct HostSettings: Sendable, Hashable {
    /// Address to connect to; nil = the host name.
    public var address: String?
    /// Agent port; nil = the cluster's `defaultPort`.
    public var port: Int?
    /// Pinned certificate fingerprint, `SHA256:` and 32 upper-case hex pairs joined by `:`.
    public var fingerprint: String?

    public init(address: String? = nil, port: Int? = nil, fingerprint: String? = nil) {
        self.address = address
        self.port = port
        self.fingerprint = fingerprint
    }
}
