/// What the terminal of the caller who forwarded a command can show, as the command line saw
/// it there: the two facts travel together from the caller's request to the output of the
/// command the service runs for it (in process, `InProcessContext`, or as a child,
/// `CommandRunner`). On the wire they stay two fields of `ServiceRequest` (`color`, `live`;
/// protocol v1).
public struct CallerTerminal: Sendable, Hashable {
    /// Whether it shows colour.
    public var color: Bool
    /// Whether the caller's standard output is a terminal whose lines may be redrawn (a
    /// deploy's live per-node block); false for a pipe or a file, which get plain lines.
    public var live: Bool

    public init(color: Bool, live: Bool) {
        self.color = color
        self.live = live
    }

    /// Neither colour nor redrawing: a pipe, a file, or a client older than the fields.
    public static let plain = CallerTerminal(color: false, live: false)
}

extension ServiceRequest {
    /// A `run` of `arguments` for a caller with `terminal`, in its working `directory`.
    public init(run arguments: [String], terminal: CallerTerminal, directory: String?) {
        self.init(op: .run, arguments: arguments, color: terminal.color, live: terminal.live, directory: directory)
    }

    /// The caller's terminal, as the request's `color` and `live` describe it (a field that is
    /// absent, from a client older than it, is false).
    public var terminal: CallerTerminal {
        CallerTerminal(color: color ?? false, live: live ?? false)
    }
}
