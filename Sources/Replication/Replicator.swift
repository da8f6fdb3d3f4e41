import Director
import GitStore
import Ledger
import Transport
import Wire

/// Keeps the repositories of the directors the same, one peer at a time:
/// 1. connect to the peer's agent as a deploy does, read its references;
/// 2. fetch the objects of those references this side lacks;
/// 3. here: move main forward to the peer's if it is ahead, merge the deploy records,
///    move other references forward;
/// 4. send the peer the objects it lacks and update its references the same way.
/// A main that diverged is never overwritten on either side: the report says so, and
/// `Reconciler` settles it.
public final class Replicator {
    public let director: DirectorRepository
    public let options: ReplicationOptions

    public init(director: DirectorRepository, options: ReplicationOptions = ReplicationOptions()) {
        self.director = director
        self.options = options
    }

    /// The peer directors to work with: every one, or those of `options.peers`.
    /// Throws when the cluster file cannot be read or names no such peer.
    public func peers() throws -> [PeerDirector] {
        let all = try PeerDirector.all(of: director)
        guard !options.peers.isEmpty else { return all }
        let wanted = Set(options.peers.map { $0.lowercased() })
        let unknown = wanted.subtracting(all.map(\.name))
        guard unknown.isEmpty else {
            let known = all.isEmpty ? "none" : all.map(\.name).joined(separator: ", ")
            throw ReplicationError(
                .noPeer,
                "not a peer director of \(director.settings.host): \(unknown.sorted().joined(separator: ", ")) "
                    + "(peer directors: \(known))")
        }
        return all.filter { wanted.contains($0.name) }
    }

    /// Replicates with every selected peer in turn; `progress` sees each report as it is made.
    /// The records of a deploy whose director died go into the notes first, so they travel too.
    public func run(progress: (PeerReport) -> Void = { _ in }) throws -> [PeerReport] {
        try DeployLedger(director).recoverInterrupted(author: ReplicationSignature.now(host: director.settings.host))
        return try each { peer, identity in
            let report = exchange(with: peer, identity: identity, moveReferences: true)
            progress(report)
            return report
        }
    }

    /// Only compares: fetches what the peers have (no reference moves anywhere) and says
    /// how each peer's main relates to main here.
    public func inspect() throws -> [PeerReport] {
        try each { peer, identity in exchange(with: peer, identity: identity, moveReferences: false) }
    }

    private func each(_ body: (PeerDirector, Identity) -> PeerReport) throws -> [PeerReport] {
        let peers = try peers()
        guard !peers.isEmpty else { return [] }
        let identity = try HostFiles.loadIdentity(root: director.root)
        return peers.map { body($0, identity) }
    }

    /// One peer, start to end; failures end up in the report.
    func exchange(with peer: PeerDirector, identity: Identity, moveReferences: Bool) -> PeerReport {
        var report = PeerReport(peer: peer.name, address: peer.endpoint.description)
        do {
            let session = try connect(peer, identity: identity)
            defer { session.close() }
            var theirs = try fetch(session)
            if moveReferences {
                try moveLocal(toward: theirs, peer: peer.name, report: &report)
                try push(session, theirs: &theirs, report: &report)
            }
            try conclude(&report, theirs: theirs, moved: moveReferences)
        } catch {
            report.status = Self.isUnreachable(error) ? .unreachable : .failed
            report.message = "\(error)"
        }
        return report
    }

    func connect(_ peer: PeerDirector, identity: Identity) throws -> PeerSession {
        try PeerSession.open(peer, identity: identity, host: director.settings.host, options: options)
    }

    /// Reads the peer's references and stores the objects of those this side lacks.
    func fetch(_ session: PeerSession) throws -> [String: ObjectID] {
        let repository = director.repository
        let theirs = try session.refs()
        guard theirs.values.contains(where: { !repository.contains($0) }) else { return theirs }
        var have = Array(try RefTable.read(repository).values)
        if let main = try repository.reference(ReplicatedRef.mainName) {
            have += try repository.log(from: main, limit: 64).map(\.id)
        }
        let pack = try session.fetch(have: Array(Set(have)).sorted())
        if !PackBytes.holdsNothing(pack) { try repository.receivePack(pack) }
        return theirs
    }

    /// Moves references here toward the peer's: main only forward, notes merged, others forward.
    func moveLocal(toward theirs: [String: ObjectID], peer: String, report: inout PeerReport) throws {
        let repository = director.repository
        let mover = RefMover(
            repository: repository, host: director.settings.host, peer: peer,
            author: ReplicationSignature.now(host: director.settings.host))
        try director.withLock {
            for (name, id) in theirs.sorted(by: { $0.key < $1.key }) {
                guard let kind = ReplicatedRef(name: name), kind.isSent, repository.contains(id) else { continue }
                let ours = try repository.reference(name)
                if ours == id { continue }
                if kind != .deployNotes, let ours, !(try repository.isAncestor(ours, of: id)) {
                    if kind == .other, try !repository.isAncestor(id, of: ours) {
                        report.kept.append("\(name) diverged: \(ours.short) here, \(id.short) on \(peer); both kept")
                    }
                    continue
                }
                let result = mover.apply(name, expected: ours, new: id)
                if !result.ok {
                    report.kept.append(result.message)
                } else if try repository.reference(name) != ours {
                    report.received.append(name)
                }
            }
        }
    }

    /// Sends the peer the objects and reference moves it lacks; `theirs` follows what moved.
    func push(_ session: PeerSession, theirs: inout [String: ObjectID], report: inout PeerReport) throws {
        let repository = director.repository
        var updates: [(name: String, old: ObjectID?, new: ObjectID)] = []
        for (name, id) in try RefTable.read(repository).sorted(by: { $0.key < $1.key }) {
            guard let kind = ReplicatedRef(name: name), kind.isSent else { continue }
            let old = theirs[name]
            if old == id { continue }
            if let old {
                guard repository.contains(old), try repository.isAncestor(old, of: id) else { continue }
            }
            updates.append((name, old, id))
        }
        guard !updates.isEmpty else { return }
        let pack = try repository.pack(including: updates.map(\.new), excluding: Array(theirs.values))
        try PackBytes.checkSize(pack, "sending to \(session.peer.name)")
        let wire = updates.map { RefUpdate(name: $0.name, oldID: $0.old?.hex, newID: $0.new.hex) }
        for (update, result) in zip(updates, try session.push(pack: pack, updates: wire)) {
            if result.ok {
                theirs[update.name] = update.new
                report.sent.append(update.name)
            } else {
                report.kept.append("\(session.peer.name): \(result.message)")
            }
        }
    }

    /// Fills in heads, relation and status.
    func conclude(_ report: inout PeerReport, theirs: [String: ObjectID], moved: Bool) throws {
        let repository = director.repository
        report.localHead = try repository.reference(ReplicatedRef.mainName)
        report.peerHead = theirs[ReplicatedRef.mainName]
        report.relation = try CommitCounter.relation(repository, here: report.localHead, there: report.peerHead)
        switch report.relation {
        case .diverged where moved:
            report.status = .diverged
        case .same where moved:
            report.status = report.sent.isEmpty && report.received.isEmpty ? .upToDate : .updated
        case _ where !moved:
            report.status = .compared
        default:
            report.status = .failed
            if report.message.isEmpty { report.message = report.kept.first ?? "main differs after replicating" }
        }
    }

    static func isUnreachable(_ error: Error) -> Bool {
        guard let error = error as? TransportError else { return false }
        return [.connectFailed, .timeout].contains(error.code)
    }
}
