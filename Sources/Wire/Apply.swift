/// `apply` (type 6): bring the node from `fromCommit` to `toCommit`.
public struct Apply: Hashable, Sendable, WireCodable {
    /// The deploy's id, recorded by both sides.
    public var deployID: String
    /// The director running the deploy.
    public var director: String
    /// The user who started the deploy.
    public var user: String
    /// The commit the director believes the node has (hex), `nil` for a fresh node;
    /// a node with another commit answers `error staleCommit`.
    public var fromCommit: String?
    /// The commit the node has after the apply (hex).
    public var toCommit: String
    /// Overwrite drifted files (after sending each as `drifted`) instead of refusing.
    public var force: Bool
    /// The files to write or delete: the tree diff restricted to this node.
    public var changes: [FileChange]
    /// The actions to run once every change is in place.
    public var actions: [ActionRequest]
    /// If an action fails, put the old files back (the node stays at `fromCommit`).
    public var rollbackOnFailure: Bool
    /// Forget the node's pending actions (``NodeState/pendingActions``) instead of running them again.
    public var dropPendingActions: Bool

    /// An apply request.
    public init(
        deployID: String, director: String, user: String, fromCommit: String?, toCommit: String,
        force: Bool, changes: [FileChange], actions: [ActionRequest], rollbackOnFailure: Bool = false,
        dropPendingActions: Bool = false
    ) {
        self.rollbackOnFailure = rollbackOnFailure
        self.dropPendingActions = dropPendingActions
        self.deployID = deployID
        self.director = director
        self.user = user
        self.fromCommit = fromCommit
        self.toCommit = toCommit
        self.force = force
        self.changes = changes
        self.actions = actions
    }

    public func encode(to writer: inout ByteWriter) {
        writer.write(deployID)
        writer.write(director)
        writer.write(user)
        writer.write(fromCommit)
        writer.write(toCommit)
        writer.write(force)
        writer.write(changes)
        writer.write(actions)
        writer.write(rollbackOnFailure)
        // Optional trailing fields (docs/protocol.md, "Versioning"): written only when used,
        // so an agent that predates them gets the bytes it knows.
        let timeouts = actions.map { $0.timeoutMillis ?? 0 }
        let verifies = actions.map { $0.verify ?? "" }
        let verifying = verifies.contains { !$0.isEmpty }
        if verifying || dropPendingActions || timeouts.contains(where: { $0 != 0 }) { writer.write(timeouts) }
        if verifying || dropPendingActions { writer.write(dropPendingActions) }
        if verifying { writer.write(verifies) }
    }

    public init(from reader: inout ByteReader) throws(WireError) {
        deployID = try reader.read()
        director = try reader.read()
        user = try reader.read()
        fromCommit = try reader.readOptional()
        toCommit = try reader.read()
        force = try reader.read()
        changes = try reader.readArray()
        actions = try reader.readArray()
        rollbackOnFailure = try reader.read()
        // Each trailing field is sent only when it, or one after it, carries something (see
        // `encode`); anything else is not an encoding a peer produces, and is refused.
        var timeouts: [UInt32]?
        if reader.remaining > 0 {
            let offset = reader.offset
            let read: [UInt32] = try reader.readArray()
            guard read.count == actions.count else {
                throw reader.malformed("at offset \(offset): \(read.count) action timeouts for \(actions.count) actions")
            }
            for (index, timeout) in read.enumerated() { actions[index].timeoutMillis = timeout == 0 ? nil : timeout }
            timeouts = read
        }
        var dropSent = false
        dropPendingActions = false
        if reader.remaining > 0 {
            dropPendingActions = try reader.read()
            dropSent = true
        }
        var verifying = false
        if reader.remaining > 0 {
            let offset = reader.offset
            let verifies: [String] = try reader.readArray()
            guard verifies.count == actions.count, verifies.contains(where: { !$0.isEmpty }) else {
                throw reader.malformed("at offset \(offset): \(verifies.count) action verifies for \(actions.count) actions")
            }
            for (index, verify) in verifies.enumerated() { actions[index].verify = verify.isEmpty ? nil : verify }
            verifying = true
        }
        let needless = (dropSent && !dropPendingActions && !verifying)
            || (timeouts.map { $0.allSatisfy { $0 == 0 } } == true && !dropSent)
        if needless { throw reader.malformed("optional trailing fields sent without a value") }
    }
}

/// One file to change in an `apply`.
public struct FileChange: Hashable, Sendable, WireCodable {
    /// Write the file, or delete it.
    public enum Kind: UInt8, CaseIterable, Hashable, Sendable, WireCodable {
        /// Create or replace the file with blob `blobID`, `mode`, `owner`, `group`.
        case put = 1
        /// Remove the file.
        case delete = 2
    }

    /// Tree path of the file.
    public var path: String
    /// Write or delete.
    public var kind: Kind
    /// The new content's blob id (hex); set for `put`, `nil` for `delete`.
    public var blobID: String?
    /// Permission bits of the new file, or `symlinkMode` for a symbolic link whose target is
    /// the blob's content (its owner and group are not applied).
    public var mode: UInt32

    /// The mode of a symbolic link: S_IFLNK and 0777, as `lstat` reports a link on Linux.
    public static let symlinkMode: UInt32 = 0o120777
    /// Owner user name of the new file.
    public var owner: String
    /// Owner group name of the new file.
    public var group: String
    /// The blob id the director believes is there now (hex); `nil` means the file should
    /// not exist. Anything else on the node is drift.
    public var expectedOldBlobID: String?

    /// A file change.
    public init(
        path: String, kind: Kind, blobID: String?, mode: UInt32, owner: String, group: String,
        expectedOldBlobID: String?
    ) {
        self.path = path
        self.kind = kind
        self.blobID = blobID
        self.mode = mode
        self.owner = owner
        self.group = group
        self.expectedOldBlobID = expectedOldBlobID
    }

    public func encode(to writer: inout ByteWriter) {
        writer.write(path)
        writer.write(kind)
        writer.write(blobID)
        writer.write(mode)
        writer.write(owner)
        writer.write(group)
        writer.write(expectedOldBlobID)
    }

    public init(from reader: inout ByteReader) throws(WireError) {
        path = try reader.read()
        kind = try reader.read()
        blobID = try reader.readOptional()
        mode = try reader.read()
        owner = try reader.read()
        group = try reader.read()
        expectedOldBlobID = try reader.readOptional()
    }
}

/// One action to run after an `apply`: a cluster-file `action` whose pattern matched.
public struct ActionRequest: Hashable, Sendable, WireCodable {
    /// The action's pattern text, as written in the cluster file (names the action).
    public var pattern: String
    /// Shell commands, run in order.
    public var commands: [String]
    /// Where the commands' output is appended, if the cluster file names a logfile.
    public var logfile: String?
    /// The changed paths that matched the pattern.
    public var paths: [String]
    /// How long each command may run, in milliseconds; nil: the node's default. Not part of
    /// the record: it travels in `apply`'s trailing `actionTimeouts`.
    public var timeoutMillis: UInt32?
    /// A command the node runs on each staged new file of `paths` (`%%`) before replacing any
    /// file; nil: none. Not part of the record: it travels in `apply`'s trailing `actionVerifies`.
    public var verify: String?

    /// An action request.
    public init(
        pattern: String, commands: [String], logfile: String?, paths: [String], timeoutMillis: UInt32? = nil,
        verify: String? = nil
    ) {
        self.verify = verify
        self.pattern = pattern
        self.commands = commands
        self.logfile = logfile
        self.paths = paths
        self.timeoutMillis = timeoutMillis
    }

    public func encode(to writer: inout ByteWriter) {
        writer.write(pattern)
        writer.write(commands)
        writer.write(logfile)
        writer.write(paths)
    }

    public init(from reader: inout ByteReader) throws(WireError) {
        pattern = try reader.read()
        commands = try reader.readArray()
        logfile = try reader.readOptional()
        paths = try reader.readArray()
    }
}
