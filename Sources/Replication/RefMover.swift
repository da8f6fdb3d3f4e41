import GitStore
import Wire

/// Moves local references to a peer's values by the replication rules; used by the service
/// for `updateRefs` and by the replicator for what it fetched. The caller holds the
/// repository lock; every object named must already be stored.
struct RefMover {
    let repository: Repository
    /// This director's name (for messages).
    let host: String
    /// The peer the values come from (for messages and the reflog).
    let peer: String
    /// Who signs notes merges.
    let author: Signature

    /// Applies one update and says whether the reference now has `new`. `expected` is what the
    /// peer read here; it must still be there for `main` (a compare-and-swap).
    func apply(_ name: String, expected: ObjectID?, new: ObjectID) -> RefUpdateResult {
        do {
            guard let kind = ReplicatedRef(name: name), kind.isSent else {
                return RefUpdateResult(name: name, ok: false, message: "\(name) is not a replicated reference")
            }
            _ = try repository.commit(new)
            switch kind {
            case .main: return try fastForwardMain(expected: expected, new: new)
            case .deployNotes: return try mergeNotes(new)
            case .other, .nodePosition: return try fastForward(name, new: new)
            }
        } catch {
            return RefUpdateResult(name: name, ok: false, message: "\(name): \(error)")
        }
    }

    /// `main` moves only forward, from exactly what the peer saw: a diverged main is never overwritten.
    private func fastForwardMain(expected: ObjectID?, new: ObjectID) throws -> RefUpdateResult {
        let name = ReplicatedRef.mainName
        let current = try repository.reference(name)
        if current == new { return RefUpdateResult(name: name, ok: true) }
        guard current == expected else {
            return RefUpdateResult(
                name: name, ok: false,
                message: "main moved on \(host): it is at \(short(current)), not \(short(expected)); replicate again")
        }
        if let current, !(try repository.isAncestor(current, of: new)) {
            return RefUpdateResult(
                name: name, ok: false,
                message: "diverged: main is at \(current.short) on \(host) and at \(new.short) on \(peer), "
                    + "neither contains the other; nothing was overwritten; run 'confsync reconcile'")
        }
        try repository.updateReference(name, to: new, expected: current, message: "replicate: main from \(peer)")
        return RefUpdateResult(name: name, ok: true)
    }

    /// The deploy records: fast-forward or merged, then the node positions follow them.
    private func mergeNotes(_ new: ObjectID) throws -> RefUpdateResult {
        if try DeployNotes.merge(new, into: repository, author: author, peer: peer) != .unchanged {
            _ = try NodePositions.refresh(repository, peer: peer)
        }
        return RefUpdateResult(name: ReplicatedRef.notesName, ok: true)
    }

    /// Other references: created, or moved forward; one that is ahead or diverged here is kept.
    private func fastForward(_ name: String, new: ObjectID) throws -> RefUpdateResult {
        let current = try repository.reference(name)
        guard let current else {
            try repository.updateReference(name, to: new, expected: nil, message: "replicate: from \(peer)")
            return RefUpdateResult(name: name, ok: true)
        }
        if current == new { return RefUpdateResult(name: name, ok: true) }
        guard try repository.isAncestor(current, of: new) else {
            let why = try repository.isAncestor(new, of: current) ? "ahead" : "diverged"
            return RefUpdateResult(
                name: name, ok: false, message: "\(name) kept at \(current.short): it is \(why) on \(host)")
        }
        try repository.updateReference(name, to: new, expected: current, message: "replicate: from \(peer)")
        return RefUpdateResult(name: name, ok: true)
    }

    private func short(_ id: ObjectID?) -> String { id?.short ?? "no commit" }
}
