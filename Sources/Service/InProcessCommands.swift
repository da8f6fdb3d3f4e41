/// The forwarded commands the service runs in its own process rather than as a child
/// (`CommandRunner`): no process start, and what it keeps (`SharedWarmState`: a commit looks
/// only at the files its watch saw change, a deploy goes out on kept node connections).
/// The command line's module provides it (`ServedCommands`), so that the output and the exit
/// status are the command's own, as in a terminal.
public protocol InProcessCommands: Sendable {
    /// The command `arguments` (after `confsync`, with the service's --root and --repo) name,
    /// parsed; nil when it is not one run in process, or does not parse (the service runs it
    /// as a child, which says what is wrong as the command line does).
    func parse(_ arguments: [String]) -> (any InProcessCommand)?
}

/// A parsed command the service runs in its process (one that changes anything one at a
/// time with its other work, a read beside it).
public protocol InProcessCommand {
    /// Runs the command for `context`'s caller; its exit status.
    func run(in context: InProcessContext) -> Int32
}

/// What an in-process command runs with.
public struct InProcessContext: Sendable {
    /// The unix user the service runs the command for.
    public let caller: String
    /// What the caller's terminal shows (`ServiceRequest.terminal`).
    public let terminal: CallerTerminal
    /// The caller's working directory (absolute), against which the command takes relative
    /// paths; nil: not known.
    public let directory: String?
    public let warm: SharedWarmState
    /// Each piece of output (whole lines), one call at a time: the caller serializes them.
    public let send: @Sendable (ServiceFrame) -> Void
}

/// An in-process command's way to its caller's connection, for the length of the run (the
/// command's output serializes its calls, `InProcessContext.send`).
final class FrameSink: @unchecked Sendable {
    private let emit: (String) -> Void

    init(_ emit: @escaping (String) -> Void) {
        self.emit = emit
    }

    func send(_ line: String) { emit(line) }
}
