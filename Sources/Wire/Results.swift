/// How an apply ended on a node.
public enum ApplyStatus: UInt8, CaseIterable, Hashable, Sendable, WireCodable {
    /// Every change is in place and the node is at the target commit.
    case applied = 1
    /// Nothing was changed (drift, refused path, stale commit, busy): the node is unchanged.
    case refused = 2
    /// Staging failed before anything was renamed into place: the node is unchanged.
    case failed = 3
    /// A failure after renaming began was undone: the node is back at its old commit.
    case rolledBack = 4
}

/// What happened to one file of an apply.
public enum FileStatus: UInt8, CaseIterable, Hashable, Sendable, WireCodable {
    /// Written with its new content and attributes.
    case written = 1
    /// Removed.
    case deleted = 2
    /// Already as requested.
    case unchanged = 3
    /// Not what the director expected; see `drifted` and `Apply.force`.
    case drifted = 4
    /// The path is not allowed (outside the managed set, `..`, symlinked parent).
    case refused = 5
    /// Writing it failed.
    case failed = 6
}

/// `fileResult` (type 7): what happened to one file. In protocol 1 it travels only
/// inside `applyResult.files`; see docs/protocol.md.
public struct FileResult: Hashable, Sendable, WireCodable {
    /// Tree path of the file.
    public var path: String
    /// What happened.
    public var status: FileStatus
    /// Details (the I/O error, why the path is refused); empty when there is nothing to add.
    public var message: String

    /// A file result.
    public init(path: String, status: FileStatus, message: String = "") {
        self.path = path
        self.status = status
        self.message = message
    }

    public func encode(to writer: inout ByteWriter) {
        writer.write(path)
        writer.write(status)
        writer.write(message)
    }

    public init(from reader: inout ByteReader) throws(WireError) {
        path = try reader.read()
        status = try reader.read()
        message = try reader.read()
    }
}

/// `actionResult` (type 9): how one action command ran. In protocol 1 it travels only
/// inside `applyResult.actions`; see docs/protocol.md.
public struct ActionResult: Hashable, Sendable, WireCodable {
    /// The action's pattern text (as in ``ActionRequest/pattern``).
    public var pattern: String
    /// The command that ran.
    public var command: String
    /// Its exit status; `-n` when it was killed by signal `n`.
    public var exitStatus: Int32
    /// The last part of its combined output.
    public var outputTail: String
    /// How long it ran, in milliseconds.
    public var durationMillis: UInt64

    /// An action result.
    public init(pattern: String, command: String, exitStatus: Int32, outputTail: String, durationMillis: UInt64) {
        self.pattern = pattern
        self.command = command
        self.exitStatus = exitStatus
        self.outputTail = outputTail
        self.durationMillis = durationMillis
    }

    public func encode(to writer: inout ByteWriter) {
        writer.write(pattern)
        writer.write(command)
        writer.write(exitStatus)
        writer.write(outputTail)
        writer.write(durationMillis)
    }

    public init(from reader: inout ByteReader) throws(WireError) {
        pattern = try reader.read()
        command = try reader.read()
        exitStatus = try reader.read()
        outputTail = try reader.read()
        durationMillis = try reader.read()
    }
}

/// `applyResult` (type 10): the agent's answer to `apply`, with every file and action result.
public struct ApplyResult: Hashable, Sendable, WireCodable {
    /// How the apply ended.
    public var status: ApplyStatus
    /// The node's commit afterwards (hex); `nil` if it still has none.
    public var commit: String?
    /// One result per change of the `apply`, in its order; when refused, only the files
    /// that caused the refusal.
    public var files: [FileResult]
    /// One result per command run, in the order run.
    public var actions: [ActionResult]
    /// A summary for the operator; empty when there is nothing to add.
    public var message: String

    /// An apply result.
    public init(
        status: ApplyStatus, commit: String?, files: [FileResult], actions: [ActionResult], message: String = ""
    ) {
        self.status = status
        self.commit = commit
        self.files = files
        self.actions = actions
        self.message = message
    }

    public func encode(to writer: inout ByteWriter) {
        writer.write(status)
        writer.write(commit)
        writer.write(files)
        writer.write(actions)
        writer.write(message)
    }

    public init(from reader: inout ByteReader) throws(WireError) {
        status = try reader.read()
        commit = try reader.readOptional()
        files = try reader.readArray()
        actions = try reader.readArray()
        message = try reader.read()
    }
}
