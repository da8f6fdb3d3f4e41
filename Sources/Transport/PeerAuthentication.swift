import Wire

/// The conversation that opens every connection, after the TLS handshake has pinned the
/// peer's certificate: hellos both ways (version, role, name, nonce), then proofs of the
/// group key both ways, each bound to this TLS session and to the other side's nonce.
///
/// A side without a group key sends an empty proof; a side with keys accepts only a proof
/// made with one of them. A peer that fails gets `error notAuthenticated` and is closed
/// before any request is read.
public enum PeerAuthentication {
    public static let softwareVersion = "0.1.0"

    /// Director side: returns the agent's hello.
    public static func asDirector(_ channel: MessageChannel, name: String, key: [UInt8]?) throws -> Hello {
        let nonce = KeyProof.randomNonce()
        try channel.send(.hello(hello(.director, name: name, nonce: nonce)))
        guard case .hello(let peer) = try channel.receive(), peer.role == .agent else {
            channel.refuse(.unexpectedMessage, "expected the agent's hello")
            throw TransportError(.handshakeFailed, "\(channel.connection.remoteAddress) did not answer with a hello")
        }
        try checkVersion(peer, channel)
        let mac = try key.map { try KeyProof.make(key: $0, connection: channel.connection, role: "director", nonce: peer.nonce) } ?? []
        try channel.send(.proof(Proof(mac: mac)))
        guard case .proof(let proof) = try channel.receive() else {
            channel.refuse(.unexpectedMessage, "expected the agent's proof")
            throw TransportError(.handshakeFailed, "\(peer.name) sent no proof")
        }
        if let key, try !KeyProof.verify(proof.mac, key: key, connection: channel.connection, role: "agent", nonce: nonce) {
            channel.refuse(.notAuthenticated, "group key proof failed")
            throw TransportError(.untrustedPeer, "\(peer.name) (\(channel.connection.remoteAddress)) does not hold the group key")
        }
        return peer
    }

    /// Agent side: returns the director's hello once it proved one of `keys` (or, with no
    /// keys configured, once the TLS pinning admitted it).
    public static func asAgent(_ channel: MessageChannel, name: String, keys: [[UInt8]]) throws -> Hello {
        guard case .hello(let peer) = try channel.receive(), peer.role == .director else {
            channel.refuse(.unexpectedMessage, "expected a director's hello")
            throw TransportError(.handshakeFailed, "\(channel.connection.remoteAddress) did not start with a hello")
        }
        try checkVersion(peer, channel, refusedBy: name)
        let nonce = KeyProof.randomNonce()
        try channel.send(.hello(hello(.agent, name: name, nonce: nonce)))
        guard case .proof(let proof) = try channel.receive() else {
            channel.refuse(.unexpectedMessage, "expected the director's proof")
            throw TransportError(.handshakeFailed, "\(peer.name) sent no proof")
        }
        var matched: [UInt8]?
        for key in keys where try KeyProof.verify(
            proof.mac, key: key, connection: channel.connection, role: "director", nonce: nonce) {
            matched = key
            break
        }
        if !keys.isEmpty && matched == nil {
            channel.refuse(
                .notAuthenticated,
                "\(name) refused this director: its group key proof failed (the director's 'key' file of the "
                    + "shared group is not one of \(name)'s group keys)")
            throw TransportError(.untrustedPeer, "director \(peer.name) (\(channel.connection.remoteAddress)) does not hold a group key of this node")
        }
        let mac = try matched.map { try KeyProof.make(key: $0, connection: channel.connection, role: "agent", nonce: peer.nonce) } ?? []
        try channel.send(.proof(Proof(mac: mac)))
        return peer
    }

    private static func hello(_ role: Role, name: String, nonce: [UInt8]) -> Hello {
        Hello(protocolVersion: WireProtocol.version, role: role, name: name, nonce: nonce, softwareVersion: softwareVersion)
    }

    private static func checkVersion(_ peer: Hello, _ channel: MessageChannel, refusedBy name: String? = nil) throws {
        guard peer.protocolVersion == WireProtocol.version else {
            channel.refuse(
                .badVersion,
                (name.map { "\($0) refused this director: " } ?? "")
                    + "protocol version \(peer.protocolVersion) is not supported (this side speaks \(WireProtocol.version); "
                    + "run the same confsync release on directors and nodes)")
            throw TransportError(.handshakeFailed, "\(peer.name) speaks protocol \(peer.protocolVersion), not \(WireProtocol.version)")
        }
    }
}

extension PeerAuthentication {
    /// Connects to `endpoint` as director `name`: pins the peer's certificate to `fingerprint`,
    /// proves the group key in `keyFile` (if any) and checks the peer's proof. Returns the
    /// authenticated channel and the peer's hello; on failure nothing stays open.
    public static func connectAsDirector(
        to endpoint: Endpoint, fingerprint: Fingerprint, keyFile: String?, identity: Identity, name: String,
        timeout: Double, ioTimeout: Double
    ) throws -> (channel: MessageChannel, peer: Hello) {
        let key = try keyFile.map(HostFiles.readGroupKey)
        let connection = try TLSConnection.connect(
            to: endpoint, identity: identity, expectedPeer: fingerprint, timeout: timeout, ioTimeout: ioTimeout)
        let channel = MessageChannel(connection)
        do {
            return (channel, try asDirector(channel, name: name, key: key))
        } catch {
            channel.close()
            throw error
        }
    }
}
