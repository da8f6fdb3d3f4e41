/// A change set to apply, with the actions it triggers.
public struct ApplyRequest: Sendable, Equatable {
    /// Unique per deploy; letters, digits, `.`, `_`, `-` (1 to 64 characters), as it names temp files.
    public var deployID: String
    public var director: String
    public var user: String
    /// The commit the director believes the node is at; must match unless `force`.
    public var fromCommit: String?
    public var toCommit: String
    /// Overwrite drifted files (their content is reported) and ignore a `fromCommit` mismatch.
    public var force: Bool
    public var changes: [FileChange]
    public var actions: [ActionRequest]
    /// When an action fails: restore the old files and state, and re-run what already ran.
    public var rollbackOnFailure: Bool
    /// Forget the pending actions (`ApplyEngine.pendingActions()`) before applying, instead
    /// of running them again.
    public var dropPendingActions: Bool
    /// Set by the agent's server, which checked every blob's content against its id as it
    /// arrived (protocol `blobMismatch`): the engine does not hash the content a second time.
    var contentMatchesBlobIDs = false

    public init(
        deployID: String, director: String, user: String, fromCommit: String?, toCommit: String,
        force: Bool = false, changes: [FileChange], actions: [ActionRequest] = [],
        rollbackOnFailure: Bool = false, dropPendingActions: Bool = false
    ) {
        self.deployID = deployID
        self.director = director
        self.user = user
        self.fromCommit = fromCommit
        self.toCommit = toCommit
        self.force = force
        self.changes = changes
        self.actions = actions
        self.rollbackOnFailure = rollbackOnFailure
        self.dropPendingActions = dropPendingActions
    }
}
