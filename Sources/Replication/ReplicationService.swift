import Director
import Foundation
import GitStore
import Serving
import Wire

/// Repository replication, a handler of the `PeerServer` of a host that is itself a director
/// (`confsync agent --repo DIR`). A peer director connects as it does to deploy, then:
/// - `refsRequest` -> `refs`: main, the deploy notes and `refs/confsync/*` of this repository;
/// - `refs` (what the peer has) -> `pack`: the objects of those references the peer lacks;
/// - `pack`: indexed into the object database (no reference moves);
/// - `updateRefs` -> `updateRefsResult`: each reference moved by the replication rules:
///   main only forward, the deploy notes merged, other references created or moved forward.
///
/// Each message opens the repository afresh, so connections on several threads never share one.
public final class ReplicationService: ConnectionHandler {
    public let repositoryPath: String
    public let root: String

    /// Checks now that `repository` is a confsync repository, so a wrong path fails at start.
    public init(repository: String, root: String) throws {
        repositoryPath = repository
        self.root = root
        _ = try DirectorRepository.open(repository: repository, root: root)
    }

    public func session(for peer: AuthenticatedPeer) -> any ConnectionSession {
        ReplicationSession(service: self, peer: peer.name)
    }

    /// The replies to `message` from director `director`, or nil if it is not a replication
    /// message.
    public func handle(_ message: Message, from director: String) throws -> [Message]? {
        switch message {
        case .refsRequest:
            return [.refs(Refs(refs: RefTable.wire(try RefTable.read(open().repository))))]
        case .refs(let have):
            return [.pack(Pack(data: try pack(missingFrom: have, peer: director)))]
        case .pack(let pack):
            if !PackBytes.holdsNothing(pack.data) { try open().repository.receivePack(pack.data) }
            return []
        case .updateRefs(let request):
            return [.updateRefsResult(try update(request, from: director))]
        default:
            return nil
        }
    }

    private func open() throws -> DirectorRepository {
        try DirectorRepository.open(repository: repositoryPath, root: root)
    }

    /// The objects of this side's references that a peer holding `have` lacks.
    private func pack(missingFrom have: Refs, peer: String) throws -> [UInt8] {
        let repository = try open().repository
        let theirs = Set(try have.refs.map { try ObjectID(parsing: $0.id, "\(peer)'s 'have' id") })
        let wanted = Set(try RefTable.read(repository).values).subtracting(theirs)
        guard !wanted.isEmpty else { return [] }
        let bytes = try repository.pack(including: wanted.sorted(), excluding: theirs.sorted())
        try PackBytes.checkSize(bytes, "sending to \(peer)")
        return bytes
    }

    private func update(_ request: UpdateRefs, from peer: String) throws -> UpdateRefsResult {
        let director = try open()
        let mover = RefMover(
            repository: director.repository, host: director.settings.host, peer: peer,
            author: ReplicationSignature.now(host: director.settings.host))
        return try director.withLock {
            UpdateRefsResult(results: request.updates.map { move($0, with: mover) })
        }
    }

    /// One update, its ids checked first.
    private func move(_ update: RefUpdate, with mover: RefMover) -> RefUpdateResult {
        do {
            let new = try ObjectID(parsing: update.newID, "the new id of \(update.name)")
            let expected = try ObjectID.parsing(update.oldID, "the old id of \(update.name)")
            return mover.apply(update.name, expected: expected, new: new)
        } catch {
            return RefUpdateResult(name: update.name, ok: false, message: "\(error)")
        }
    }
}

/// Who signs what replication writes itself (notes merges).
enum ReplicationSignature {
    static func now(host: String) -> Signature {
        Signature(
            name: "confsync", email: "confsync@\(host)", time: Int64(Date().timeIntervalSince1970),
            offsetMinutes: Int32(TimeZone.current.secondsFromGMT() / 60))
    }
}
