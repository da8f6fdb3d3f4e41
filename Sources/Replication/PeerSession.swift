import Foundation
import GitStore
import Transport
import Wire

/// One authenticated conversation with a peer director's agent, as a deploy opens one:
/// TLS with the pinned fingerprint, then the group key proof.
final class PeerSession {
    let peer: PeerDirector
    private let channel: MessageChannel

    private init(peer: PeerDirector, channel: MessageChannel) {
        self.peer = peer
        self.channel = channel
    }

    static func open(_ peer: PeerDirector, identity: Identity, host: String, options: ReplicationOptions) throws
        -> PeerSession
    {
        guard let fingerprint = peer.fingerprint else {
            throw ReplicationError(.notPinned, Fingerprint.missingPinAdvice(for: peer.name))
        }
        let (channel, _) = try PeerAuthentication.connectAsDirector(
            to: peer.endpoint, fingerprint: fingerprint, keyFile: peer.keyFile, identity: identity, name: host,
            timeout: options.connectTimeout, ioTimeout: options.ioTimeout)
        return PeerSession(peer: peer, channel: channel)
    }

    /// The peer's replicated references.
    func refs() throws -> [String: ObjectID] {
        try channel.send(.refsRequest)
        guard case .refs(let refs) = try receive("refsRequest") else {
            throw ReplicationError(.protocolError, "\(peer.name) did not answer refsRequest with refs")
        }
        return try RefTable.parse(refs.refs, from: peer.name)
    }

    /// The objects of the peer's references that a repository holding `have` lacks.
    func fetch(have: [ObjectID]) throws -> [UInt8] {
        try channel.send(.refs(Refs(refs: have.map { Ref(name: "have", id: $0.hex) })))
        guard case .pack(let pack) = try receive("refs") else {
            throw ReplicationError(.protocolError, "\(peer.name) did not answer refs with a pack")
        }
        return pack.data
    }

    /// Sends the objects, then the reference updates; returns one result per update.
    func push(pack: [UInt8], updates: [RefUpdate]) throws -> [RefUpdateResult] {
        if !PackBytes.holdsNothing(pack) { try channel.queue(.pack(Pack(data: pack))) }
        try channel.queue(.updateRefs(UpdateRefs(updates: updates)))
        try channel.flush()
        guard case .updateRefsResult(let answer) = try receive("updateRefs"), answer.results.count == updates.count
        else {
            throw ReplicationError(.protocolError, "\(peer.name) did not answer updateRefs with one result per update")
        }
        return answer.results
    }

    func close() {
        try? channel.send(.bye)
        channel.close()
    }

    /// The next message; an agent without `--repo` refuses replication, which is said plainly.
    private func receive(_ request: String) throws -> Message {
        do {
            return try channel.receive()
        } catch let error as PeerError where error.code == .unexpectedMessage {
            throw ReplicationError(
                .protocolError,
                "\(peer.name) does not serve replication (\(error.message)): start its agent with "
                    + "'confsync agent --repo DIR'")
        } catch let error as PeerError {
            throw ReplicationError(.protocolError, "\(peer.name) refused \(request): \(error.message)")
        }
    }
}

/// How replication reaches its peers.
public struct ReplicationOptions: Sendable {
    /// Only these peers (empty: every peer director).
    public var peers: [String] = []
    public var connectTimeout: Double = 5
    public var ioTimeout: Double = 120

    public init() {}
}
