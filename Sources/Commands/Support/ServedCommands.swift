import ArgumentParser
import Service

/// The commands the director service runs in its own process for a caller
/// (`InProcessCommands`): every director operation it is forwarded (`ForwardedCommand`),
/// that is every `ContextCommand`.
/// commit, sync and deploy gain most from what it keeps, status and drift ask the nodes on
/// the kept connections; the reads log, show, diff, blame and audit, and the changes revert,
/// rollback and adopt, save the child's start. The service holds its working lock for
/// those that change anything. They run the same code as from a terminal, with the caller's
/// frames for output (`Output`), the caller as author and deploy user, the caller's working
/// directory for relative paths, and the service's watch and node connections
/// (`CommandContext`). A command whose arguments do not parse runs as a child, which says
/// what is wrong as the command line does.
public struct ServedCommands: InProcessCommands {
    public init() {}

    public func parse(_ arguments: [String]) -> (any InProcessCommand)? {
        guard let command = try? Confsync.parseAsRoot(arguments) as? any ContextCommand else { return nil }
        return Served(run: command.run(in:))
    }

    /// A parsed command and how it runs with a context.
    private struct Served: InProcessCommand {
        let run: (CommandContext) throws -> Void

        func run(in context: InProcessContext) -> Int32 {
            let output = Output(context.terminal) { text, stream in
                context.send(stream == .out ? ServiceFrame(out: text) : ServiceFrame(err: text))
            }
            do {
                try run(CommandContext(output: output, caller: context.caller, directory: context.directory, warm: context.warm))
                return Exit.success
            } catch {
                // As the command line's own ending would print and return it.
                let code = Confsync.exitCode(for: error)
                let message = Confsync.fullMessage(for: error)
                if !message.isEmpty { output.errorLine(message) }
                return code.rawValue
            }
        }
    }
}
