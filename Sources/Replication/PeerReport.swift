import GitStore

/// How main here and main on a peer differ.
public enum MainRelation: Sendable, Equatable {
    /// Both at the same commit (or both without one).
    case same
    /// The peer lacks this many commits of main here (it is behind).
    case peerBehind(Int)
    /// This side lacks this many commits of the peer's main (it is ahead).
    case peerAhead(Int)
    /// Each side has commits the other lacks; `base` is the last commit they share.
    case diverged(here: Int, there: Int, base: ObjectID?)
    /// The peer's main is not stored here (it could not be fetched).
    case unknown
}

/// What replication did with one peer director.
public struct PeerReport: Sendable {
    public enum Status: String, Sendable {
        /// Nothing to do: both repositories hold the same references.
        case upToDate = "up-to-date"
        /// References moved on one side or both; main is now the same on both.
        case updated
        /// Main diverged: nothing was overwritten, `confsync reconcile` decides.
        case diverged
        /// The peer's agent could not be reached.
        case unreachable
        /// The peer was reached, but replication failed (see `message`).
        case failed
        /// Only looked (`inspect`): see `relation`.
        case compared
    }

    public var peer: String
    public var address: String
    public var status: Status = .failed
    /// Main here after the exchange.
    public var localHead: ObjectID?
    /// Main on the peer after the exchange, as far as this side knows.
    public var peerHead: ObjectID?
    public var relation: MainRelation = .unknown
    /// References this side moved on the peer.
    public var sent: [String] = []
    /// References the peer's values moved here.
    public var received: [String] = []
    /// References left as they were, each with why.
    public var kept: [String] = []
    /// Why it failed, or a note.
    public var message = ""

    public init(peer: String, address: String) {
        self.peer = peer
        self.address = address
    }

    /// Main is the same on both sides.
    public var isInSync: Bool { status == .upToDate || status == .updated }
}

/// Counts commits of one history that another lacks.
enum CommitCounter {
    /// Commits reachable from `from` but not from `other` (nil: all of them), at most `limit`.
    static func count(_ repository: Repository, from: ObjectID, notIn other: ObjectID?, limit: Int = 10_000) throws
        -> Int
    {
        try commits(repository, from: from, notIn: other, limit: limit).count
    }

    /// The ids of those commits, found walking back from `from` and stopping at each commit
    /// `other` already contains.
    static func commits(_ repository: Repository, from: ObjectID, notIn other: ObjectID?, limit: Int) throws
        -> [ObjectID]
    {
        var seen: Set<ObjectID> = []
        var pending = [from]
        var found: [ObjectID] = []
        while let id = pending.popLast(), found.count < limit {
            guard seen.insert(id).inserted else { continue }
            if let other, try repository.isAncestor(id, of: other) { continue }
            found.append(id)
            pending += try repository.commit(id).parents
        }
        return found
    }

    /// How `here` and `there` (mains, both stored when not nil) relate.
    static func relation(_ repository: Repository, here: ObjectID?, there: ObjectID?) throws -> MainRelation {
        switch (here, there) {
        case (nil, nil): return .same
        case (let here?, nil): return .peerBehind(try count(repository, from: here, notIn: nil))
        case (nil, let there?):
            guard repository.contains(there) else { return .unknown }
            return .peerAhead(try count(repository, from: there, notIn: nil))
        case (let here?, let there?):
            if here == there { return .same }
            guard repository.contains(there) else { return .unknown }
            if try repository.isAncestor(there, of: here) {
                return .peerBehind(try count(repository, from: here, notIn: there))
            }
            if try repository.isAncestor(here, of: there) {
                return .peerAhead(try count(repository, from: there, notIn: here))
            }
            return .diverged(
                here: try count(repository, from: here, notIn: there),
                there: try count(repository, from: there, notIn: here),
                base: try repository.mergeBase(here, there))
        }
    }
}
