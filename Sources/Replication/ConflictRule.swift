import ClusterConfig
import Director
import GitStore

/// One side of a divergence.
public enum Side: String, Sendable, Hashable {
    case ours, theirs
}

/// How `reconcile` settles a file both directors changed differently, from the `auto` word of
/// the group both deploy (csync2's conflict setting):
///
/// | auto | a conflicting file takes |
/// | --- | --- |
/// | none, or no auto | nothing: reconcile refuses and asks for `--take` |
/// | first, left | the side of the director listed first on the group's host line |
/// | right | the side of the director listed last |
/// | younger, older | the side whose last commit changing the file is newer, older |
/// | bigger, smaller | the side whose content is larger, smaller (a deletion counts as empty) |
///
/// Ties (same time, same size) go to the director listed first.
public struct ConflictRule: Sendable, Equatable {
    /// The `auto` word it comes from; nil when no shared group sets one.
    public var auto: AutoResolution?
    /// The group that sets it.
    public var group: String?
    /// The side of the director listed first on that group's host line.
    public var firstListed: Side

    /// Whether conflicts must be settled by hand.
    public var refuses: Bool { auto == nil || auto == AutoResolution.none }

    /// The rule of the first group both deploy that sets `auto`.
    public init(groups: [Group], host: String, peer: String) {
        let setting = groups.first { $0.auto != nil }
        auto = setting?.auto
        group = setting?.name
        let order = (setting ?? groups.first)?.hosts.map(\.name) ?? []
        let mine = order.firstIndex(of: host.lowercased()) ?? Int.max
        let theirs = order.firstIndex(of: peer.lowercased()) ?? Int.max
        firstListed = mine <= theirs ? .ours : .theirs
    }

    /// The side that wins `conflict`; nil when the rule refuses. `lastChange` gives, for a side,
    /// the time of its last commit changing the file; `size` the size of a file's content.
    func winner(
        of conflict: TreeMerge.Conflict, lastChange: (Side) throws -> Int64, size: (ManagedFile?) throws -> Int
    ) throws -> Side? {
        let lastListed: Side = firstListed == .ours ? .theirs : .ours
        switch auto {
        case nil, .some(.none): return nil
        case .first, .left: return firstListed
        case .right: return lastListed
        case .younger, .older:
            let (mine, theirs) = (try lastChange(.ours), try lastChange(.theirs))
            if mine == theirs { return firstListed }
            return (mine > theirs) == (auto == .younger) ? .ours : .theirs
        case .bigger, .smaller:
            let (mine, theirs) = (try size(conflict.ours), try size(conflict.theirs))
            if mine == theirs { return firstListed }
            return (mine > theirs) == (auto == .bigger) ? .ours : .theirs
        }
    }
}
