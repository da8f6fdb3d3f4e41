import ArgumentParser
import Service

/// The commands the director service runs in its own process for a caller (`InProcessCommands`):
/// commit, sync and deploy, which gain most from what it keeps, and status and drift (they
/// ask the nodes on the kept connections). They run the same code as
/// from a terminal, with the caller's frames for output (`Output`), the caller as author and
/// deploy user, and the service's watch and node connections (`CommandContext`). Any other
/// command, and one whose arguments do not parse, runs as a child.
public struct ServedCommands: InProcessCommands {
    public init() {}

    public func parse(_ arguments: [String]) -> (any InProcessCommand)? {
        guard let parsed = try? Confsync.parseAsRoot(arguments) else { return nil }
        switch parsed {
        case let command as SyncCommand: return Served(run: command.run(in:))
        case let command as DeployCommand: return Served(run: command.run(in:))
        case let command as CommitCommand: return Served(run: command.run(in:))
        case let command as StatusCommand: return Served(run: command.run(in:))
        case let command as DriftCommand: return Served(run: command.run(in:))
        default: return nil
        }
    }

    /// A parsed command and how it runs with a context.
    private struct Served: InProcessCommand {
        let run: (CommandContext) throws -> Void

        func run(in context: InProcessContext) -> Int32 {
            let output = Output(color: context.color) { text, stream in
                context.send(stream == .out ? ServiceFrame(out: text) : ServiceFrame(err: text))
            }
            do {
                try run(CommandContext(output: output, caller: context.caller, warm: context.warm))
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
