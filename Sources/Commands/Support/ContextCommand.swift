import ArgumentParser

/// A director command that runs with a `CommandContext`: from a terminal with
/// `CommandContext.terminal`, and in the director service's process for a caller
/// (`ServedCommands` runs every command of this kind there).
protocol ContextCommand: ParsableCommand {
    func run(in context: CommandContext) throws
}

extension ContextCommand {
    func run() throws {
        try run(in: .terminal)
    }
}
