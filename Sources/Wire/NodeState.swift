/// `state` (type 4): what a node has, sent in answer to `stateRequest`.
public struct NodeState: Hashable, Sendable, WireCodable {
    /// The deployed commit (hex), or `nil` on a node never deployed to.
    public var commit: String?
    /// Every managed file the node holds, as last deployed.
    public var manifest: [ManifestEntry]
    /// True while the node applies another deploy (an `apply` now gets `error busy`).
    public var busy: Bool
    /// The last deploy the node finished, if any.
    public var lastDeploy: DeployOutcome?
    /// Commands whose last run failed: they run again with the next `apply`, which the
    /// director therefore sends even to a node at the target commit.
    public var pendingActions: [PendingAction]

    /// A node state.
    public init(
        commit: String?, manifest: [ManifestEntry], busy: Bool, lastDeploy: DeployOutcome?,
        pendingActions: [PendingAction] = []
    ) {
        self.commit = commit
        self.manifest = manifest
        self.busy = busy
        self.lastDeploy = lastDeploy
        self.pendingActions = pendingActions
    }

    public func encode(to writer: inout ByteWriter) {
        writer.write(commit)
        writer.write(manifest)
        writer.write(busy)
        writer.write(lastDeploy)
        // Optional trailing field (docs/protocol.md, "Versioning"): only when something is pending.
        if !pendingActions.isEmpty { writer.write(pendingActions) }
    }

    public init(from reader: inout ByteReader) throws(WireError) {
        commit = try reader.readOptional()
        manifest = try reader.readArray()
        busy = try reader.read()
        lastDeploy = try reader.readOptional()
        pendingActions = reader.remaining > 0 ? try reader.readArray() : []
    }
}

/// A command that failed on the node and runs again with the next apply.
public struct PendingAction: Hashable, Sendable, WireCodable {
    /// The action's pattern text (as in ``ActionRequest/pattern``).
    public var pattern: String
    public var command: String
    /// The deploy whose run of it failed last.
    public var deployID: String
    /// That run's exit status (137: killed, after a timeout or by a signal).
    public var exitStatus: Int32
    /// When that run ended, in seconds since the Unix epoch.
    public var at: Int64

    /// A pending action.
    public init(pattern: String, command: String, deployID: String, exitStatus: Int32, at: Int64) {
        self.pattern = pattern
        self.command = command
        self.deployID = deployID
        self.exitStatus = exitStatus
        self.at = at
    }

    public func encode(to writer: inout ByteWriter) {
        writer.write(pattern)
        writer.write(command)
        writer.write(deployID)
        writer.write(exitStatus)
        writer.write(at)
    }

    public init(from reader: inout ByteReader) throws(WireError) {
        pattern = try reader.read()
        command = try reader.read()
        deployID = try reader.read()
        exitStatus = try reader.read()
        at = try reader.read()
    }
}

/// One managed file in a node's manifest.
public struct ManifestEntry: Hashable, Sendable, WireCodable {
    /// Tree path (absolute path without the leading `/`).
    public var path: String
    /// Git blob id of the content (hex).
    public var blobID: String
    /// Permission bits, e.g. `0o644`.
    public var mode: UInt32
    /// Owner user name.
    public var owner: String
    /// Owner group name.
    public var group: String

    /// A manifest entry.
    public init(path: String, blobID: String, mode: UInt32, owner: String, group: String) {
        self.path = path
        self.blobID = blobID
        self.mode = mode
        self.owner = owner
        self.group = group
    }

    public func encode(to writer: inout ByteWriter) {
        writer.write(path)
        writer.write(blobID)
        writer.write(mode)
        writer.write(owner)
        writer.write(group)
    }

    public init(from reader: inout ByteReader) throws(WireError) {
        path = try reader.read()
        blobID = try reader.read()
        mode = try reader.read()
        owner = try reader.read()
        group = try reader.read()
    }
}

/// How a deploy ended on a node, as the node remembers it.
public struct DeployOutcome: Hashable, Sendable, WireCodable {
    /// The deploy's id, as sent in `apply`.
    public var deployID: String
    /// The commit the deploy targeted (hex).
    public var commit: String
    /// How it ended.
    public var status: ApplyStatus
    /// When it ended, in seconds since the Unix epoch.
    public var at: Int64
    /// The director that ran it.
    public var director: String
    /// The user who started it on the director.
    public var user: String

    /// A deploy outcome.
    public init(deployID: String, commit: String, status: ApplyStatus, at: Int64, director: String, user: String) {
        self.deployID = deployID
        self.commit = commit
        self.status = status
        self.at = at
        self.director = director
        self.user = user
    }

    public func encode(to writer: inout ByteWriter) {
        writer.write(deployID)
        writer.write(commit)
        writer.write(status)
        writer.write(at)
        writer.write(director)
        writer.write(user)
    }

    public init(from reader: inout ByteReader) throws(WireError) {
        deployID = try reader.read()
        commit = try reader.read()
        status = try reader.read()
        at = try reader.read()
        director = try reader.read()
        user = try reader.read()
    }
}
