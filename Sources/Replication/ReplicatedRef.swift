import Ledger
/// The references directors replicate, and how each kind moves on the receiving side.
public enum ReplicatedRef: Sendable, Hashable {
    /// `refs/heads/main`: fast-forward only; a diverged main is never overwritten.
    case main
    /// `refs/notes/confsync/deploys`: fast-forward, or merged (the deploy records are unioned).
    case deployNotes
    /// `refs/confsync/nodes/*`: not sent; each side derives them from the merged deploy records.
    case nodePosition
    /// Any other `refs/confsync/*` (drift saves, kept diverged heads): created, or fast-forwarded.
    case other

    /// The branch every commit goes to.
    public static let mainName = "refs/heads/main"
    /// Where deploys are recorded (one JSON line per node and deploy, on the target commit).
    public static let notesName = DeployLedger.notesRef
    /// Prefix of the per-node "last seen at" references.
    public static let nodesPrefix = DeployLedger.nodeRefPrefix
    /// Prefix of the heads kept aside by `reconcile`.
    public static let divergedPrefix = "refs/confsync/diverged/"

    /// The kind of `name`; nil for a reference that is not replicated.
    public init?(name: String) {
        if name == Self.mainName {
            self = .main
        } else if name == Self.notesName {
            self = .deployNotes
        } else if name.hasPrefix(Self.nodesPrefix) {
            self = .nodePosition
        } else if name.hasPrefix("refs/confsync/") {
            self = .other
        } else {
            return nil
        }
    }

    /// Whether a peer sends this kind in `updateRefs`.
    public var isSent: Bool { self != .nodePosition }

    /// The globs that list every replicated reference of a repository.
    static let globs = [mainName, notesName, "refs/confsync/*"]
}
