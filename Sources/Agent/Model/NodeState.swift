/// The node's persistent state: the deployed commit, its manifest and the last deploy.
public struct NodeState: Codable, Sendable, Equatable {
    /// The commit the node's managed files come from; nil before the first deploy.
    public var commit: String?
    /// Managed files by path.
    public var manifest: [String: ManifestEntry]
    /// The last deploy that changed this state (applied, failed or rolled back).
    public var lastDeploy: DeployRecord?
    /// Set when `state` or `state.log` could not be read whole: `commit` is then nil and
    /// `manifest` empty until a deploy re-establishes them (see `UnknownState`). Not saved.
    public var unknown: UnknownState?

    public init(
        commit: String? = nil, manifest: [String: ManifestEntry] = [:], lastDeploy: DeployRecord? = nil,
        unknown: UnknownState? = nil
    ) {
        self.commit = commit
        self.manifest = manifest
        self.lastDeploy = lastDeploy
        self.unknown = unknown
    }
}

/// The outcome of an apply, as reported and as recorded in `DeployRecord`.
public enum ApplyStatus: String, Codable, Sendable {
    /// Files written and every action succeeded.
    case applied
    /// Nothing written: a path, a content check or drift stopped the apply.
    case refused
    /// Something failed: before anything changed (node unchanged), or an action failed
    /// without `rollbackOnFailure` (files and commit are the new ones).
    case failed
    /// Files were written, an action failed, and the old files and state were restored.
    case rolledBack
}

/// One deploy as the node recorded it.
public struct DeployRecord: Codable, Sendable, Equatable {
    public var deployID: String
    /// The commit the deploy brought (even when it was rolled back).
    public var commit: String
    public var status: ApplyStatus
    /// Seconds since the epoch when the node started the apply.
    public var at: Int64
    public var director: String
    public var user: String

    public init(deployID: String, commit: String, status: ApplyStatus, at: Int64, director: String, user: String) {
        self.deployID = deployID
        self.commit = commit
        self.status = status
        self.at = at
        self.director = director
        self.user = user
    }
}
