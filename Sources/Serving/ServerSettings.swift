import Transport

/// What a `PeerServer` is: where it listens, who it is, whom it lets in.
public struct ServerSettings: Sendable {
    /// This host's name, as its hello and its refusals give it.
    public var name: String
    public var listen: Endpoint
    public var identity: Identity
    /// Fingerprints of the directors allowed in; any other certificate is refused.
    public var trusted: Set<Fingerprint>
    /// Group keys (csync2's `key`); a director must prove one of them. Empty: TLS pinning only.
    public var groupKeys: [[UInt8]]
    public var limits: ConnectionLimits
    /// Seconds each read or write of an admitted connection may wait.
    public var ioTimeout: Double
    /// Where an operator pins a director's certificate (`agent.conf 'trust ='`), named in the
    /// refusal of an unpinned one.
    public var trustSetting: String

    public init(
        name: String, listen: Endpoint, identity: Identity, trusted: Set<Fingerprint>, trustSetting: String,
        groupKeys: [[UInt8]] = [], limits: ConnectionLimits = ConnectionLimits(), ioTimeout: Double = 120
    ) {
        self.name = name
        self.listen = listen
        self.identity = identity
        self.trusted = trusted
        self.groupKeys = groupKeys
        self.limits = limits
        self.ioTimeout = ioTimeout
        self.trustSetting = trustSetting
    }
}
