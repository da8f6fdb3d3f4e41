import Service

/// What a command runs with besides its arguments: where its text goes, who asked, and
/// (when the director service runs it in its own process, `ServedCommands`) what the
/// service keeps between operations: its watch's view of the live files and its node
/// connections. From a terminal: this process's output, the invoking user, this process's
/// current directory, nothing kept.
struct CommandContext: Sendable {
    var output: Output
    /// The caller the service runs the command for (the author of its commits, the user of
    /// its deploys); nil: the invoking user (`AuthorOptions.invokingUser`).
    var caller: String?
    /// The directory relative paths the command is given are taken against (the caller's);
    /// nil: this process's current directory.
    var directory: String?
    var warm: SharedWarmState?

    static let terminal = CommandContext(output: .terminal, caller: nil, directory: nil, warm: nil)
}
