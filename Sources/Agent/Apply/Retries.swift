/// The end of planning: the pending commands (see `PendingFile`) join the deploy's own, so
/// that a failed reload runs again with the next deploy, even one that changes no file.
enum Retries {
    /// `own` followed by the pending commands it does not already run. A pending command
    /// equal to one of `own` (same pattern, command and logfile) runs once, as that one,
    /// with the pending paths added for `%%`; the others come last, numbered on, marked `retry`.
    static func merge(_ own: [OutboxCommand], _ pending: [PendingAction]) -> [OutboxCommand] {
        var commands = own
        var positions = [PendingAction.Key: Int]()
        for (position, command) in own.enumerated() where positions[command.pendingKey] == nil {
            positions[command.pendingKey] = position
        }
        for action in pending {
            if let position = positions[action.key] {
                let known = Set(commands[position].paths)
                commands[position].paths += action.paths.filter { !known.contains($0) }
                continue
            }
            positions[action.key] = commands.count
            commands.append(
                OutboxCommand(
                    index: commands.count, pattern: action.pattern, logfile: action.logfile, command: action.command,
                    paths: action.paths, timeoutMillis: action.timeoutMillis, retry: true))
        }
        return commands
    }
}
