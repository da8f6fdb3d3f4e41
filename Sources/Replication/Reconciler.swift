import Diagnostics
import Director
import Foundation
import GitStore
import Posix
import Transport

/// Settles a main that diverged between this director and a peer, without losing a commit:
/// fetches the peer's commits, makes one commit whose parents are both heads (its files:
/// ours, theirs, or the three-way merge), moves main here to it, then replicates, which moves
/// the peer's main forward to the same commit. With `ours`/`theirs`, the head whose files
/// were not taken is also named by `refs/confsync/diverged/HOST-DATE`.
public final class Reconciler {
    let replicator: Replicator
    var director: DirectorRepository { replicator.director }

    public init(director: DirectorRepository, options: ReplicationOptions = ReplicationOptions()) {
        replicator = Replicator(director: director, options: options)
    }

    /// The peer to reconcile with: the one named, or the only peer director.
    public func peer(named name: String?) throws -> PeerDirector {
        let all = try replicator.peers()
        if let name {
            guard let peer = all.first(where: { $0.name == name.lowercased() }) else {
                throw ReplicationError(.noPeer, "\(name) is not a peer director of \(director.settings.host)")
            }
            return peer
        }
        guard all.count == 1, let only = all.first else {
            throw ReplicationError(
                .noPeer,
                all.isEmpty
                    ? "\(director.settings.host) has no peer director (no other non-parenthesised host in its groups)"
                    : "several peer directors (\(all.map(\.name).joined(separator: ", "))): name one with --peer")
        }
        return only
    }

    /// Reconciles with `peer`. `take` nil: a merge if the group's `auto` settles conflicts,
    /// else `.conflict` (the caller asks). Returns nil for the outcome when main had not
    /// diverged (then this is a plain replication), and the peer's report either way.
    public func run(
        with peer: PeerDirector, take: Resolution?, author: Signature
    ) throws -> (outcome: ReconcileOutcome?, report: PeerReport) {
        let identity = try HostFiles.loadIdentity(root: director.root)
        let session = try replicator.connect(peer, identity: identity)
        defer { session.close() }
        var theirs = try replicator.fetch(session)
        var outcome: ReconcileOutcome?
        if let divergence = try divergence(with: peer, theirs: theirs) {
            outcome = try settle(divergence, take: take, author: author)
        }
        var report = PeerReport(peer: peer.name, address: peer.endpoint.description)
        try replicator.moveLocal(toward: theirs, peer: peer.name, report: &report)
        try replicator.push(session, theirs: &theirs, report: &report)
        try replicator.conclude(&report, theirs: theirs, moved: true)
        return (outcome, report)
    }

    /// The divergence with `peer` after a fetch; nil when the mains are related (or one is missing).
    func divergence(with peer: PeerDirector, theirs: [String: ObjectID]) throws -> Divergence? {
        let repository = director.repository
        guard let ours = try repository.reference(ReplicatedRef.mainName), let their = theirs[ReplicatedRef.mainName],
            repository.contains(their)
        else { return nil }
        if try repository.isAncestor(ours, of: their) || repository.isAncestor(their, of: ours) { return nil }
        let rule = ConflictRule(groups: peer.groups, host: director.settings.host, peer: peer.name)
        return try Divergence.read(director, peer: peer.name, ours: ours, theirs: their, rule: rule)
    }

    /// Writes the reconcile commit (and the kept reference) and moves main here to it.
    func settle(_ divergence: Divergence, take: Resolution?, author: Signature) throws -> ReconcileOutcome {
        let resolution = try take ?? defaultResolution(divergence)
        let repository = director.repository
        var settled: [(path: ManagedPath, side: Side)] = []
        var diagnostics: [Diagnostic] = []
        let tree: ObjectID
        switch resolution {
        case .ours: tree = divergence.ours.tree
        case .theirs: tree = divergence.theirs.tree
        case .merge:
            let merged = try mergedTree(divergence, settled: &settled)
            let report = director.validate(merged)
            guard report.isValid else {
                throw ReplicationError(
                    .invalid, "the merged files are invalid; nothing was committed:\n" + report.diagnostics.rendered())
            }
            diagnostics = report.diagnostics
            tree = try merged.write(to: repository)
        }
        return try director.withLock {
            let keptRef = try keep(divergence, resolution: resolution)
            let id = try repository.createCommit(
                tree: tree, parents: [divergence.ours.id, divergence.theirs.id], author: author, committer: author,
                message: message(divergence, resolution: resolution, settled: settled, keptRef: keptRef),
                updating: ReplicatedRef.mainName, expected: divergence.ours.id)
            let commit = try repository.commit(id)
            let changes = try director.tree(of: divergence.ours).changes(to: director.tree(of: commit))
            return ReconcileOutcome(
                commit: commit, resolution: resolution, divergence: divergence, keptRef: keptRef, settled: settled,
                changes: changes, diagnostics: diagnostics)
        }
    }

    private func defaultResolution(_ divergence: Divergence) throws -> Resolution {
        guard divergence.rule.refuses else { return .merge }
        throw ReplicationError(
            .conflict,
            "main diverged from \(divergence.peer) and "
                + (divergence.rule.group.map { "group \($0) says 'auto none'" } ?? "no shared group sets 'auto'")
                + ": choose with --take ours, --take theirs or --take merge" + cleanMergeHint(divergence) + "\n"
                + divergence.summary)
    }

    /// "; '--take merge' merges cleanly here: ..." when the two sides changed different files.
    private func cleanMergeHint(_ divergence: Divergence) -> String {
        let repository = director.repository
        guard let base = try? director.tree(of: divergence.base.map(repository.commit)),
            let ours = try? director.tree(of: divergence.ours), let theirs = try? director.tree(of: divergence.theirs)
        else { return "" }
        guard TreeMerge.merge(base: base, ours: ours, theirs: theirs).conflicts.isEmpty else {
            return " (a merge would conflict: the same file changed on both sides)"
        }
        return "; '--take merge' merges cleanly here: \(base.changes(to: ours).count) file(s) from this director, "
            + "\(base.changes(to: theirs).count) from \(divergence.peer)"
    }

    /// The three-way merge, conflicts settled by the group's rule (or refused, listed).
    private func mergedTree(_ divergence: Divergence, settled: inout [(path: ManagedPath, side: Side)]) throws -> ManagedTree
    {
        let repository = director.repository
        let base = try divergence.base.map(repository.commit)
        var (merged, conflicts) = TreeMerge.merge(
            base: try director.tree(of: base), ours: try director.tree(of: divergence.ours),
            theirs: try director.tree(of: divergence.theirs))
        guard !conflicts.isEmpty else { return merged }
        if divergence.rule.refuses {
            throw ReplicationError(
                .conflict,
                "both directors changed the same file(s) differently: "
                    + conflicts.map(\.path.managed).joined(separator: ", ")
                    + "; choose a side with --take ours or --take theirs"
                    + " (nothing is lost: both heads stay in history)\n"
                    + divergence.summary)
        }
        for conflict in conflicts {
            let treePath = conflict.path.tree
            let lastChange = { (side: Side) throws -> Int64 in
                let head = side == .ours ? divergence.ours.id : divergence.theirs.id
                return try repository.log(from: head, path: treePath, limit: 1).first?.committer.time ?? 0
            }
            let size = { (file: ManagedFile?) throws -> Int in
                try file.map { try repository.readBlob($0.entry.id).count } ?? 0
            }
            guard let side = try divergence.rule.winner(of: conflict, lastChange: lastChange, size: size) else {
                continue
            }
            merged.files[conflict.path] = side == .ours ? conflict.ours : conflict.theirs
            settled.append((conflict.path, side))
        }
        return merged
    }

    /// Names the head whose files were not taken; nil for a merge (both heads are parents anyway).
    private func keep(_ divergence: Divergence, resolution: Resolution) throws -> String? {
        let (host, id): (String, ObjectID)
        switch resolution {
        case .merge: return nil
        case .ours: (host, id) = (divergence.peer, divergence.theirs.id)
        case .theirs: (host, id) = (director.settings.host, divergence.ours.id)
        }
        let name = ReplicatedRef.divergedPrefix + host + "-" + Self.stamp(Date())
        try director.repository.updateReference(
            name, to: id, expected: nil, message: "reconcile: \(resolution.rawValue)")
        return name
    }

    private func message(
        _ divergence: Divergence, resolution: Resolution, settled: [(path: ManagedPath, side: Side)], keptRef: String?
    ) -> String {
        let host = director.settings.host
        var text = "Reconcile \(host) and \(divergence.peer): take \(resolution.rawValue)\n\n"
        text += "\(host): \(divergence.ours.id.hex) \(divergence.ours.summary)\n"
        text += "\(divergence.peer): \(divergence.theirs.id.hex) \(divergence.theirs.summary)\n"
        if let base = divergence.base { text += "common: \(base.hex)\n" }
        if let keptRef { text += "The files not taken stay reachable as \(keptRef).\n" }
        if !settled.isEmpty, let auto = divergence.rule.auto {
            text += "\nSettled by 'auto \(auto.rawValue)' of group \(divergence.rule.group ?? "?"):\n"
            for item in settled {
                text += "  \(item.path): \(item.side == .ours ? host : divergence.peer)\n"
            }
        }
        return text
    }

    /// `20250131-235959` (UTC): a reference name part that sorts by time.
    static func stamp(_ date: Date) -> String {
        var time = time_t(date.timeIntervalSince1970)
        var parts = tm()
        gmtime_r(&time, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(parts.tm_year + 1900)\(two(parts.tm_mon + 1))\(two(parts.tm_mday))-"
            + "\(two(parts.tm_hour))\(two(parts.tm_min))\(two(parts.tm_sec))"
    }
}
