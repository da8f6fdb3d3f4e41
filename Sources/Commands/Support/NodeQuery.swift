import ArgumentParser
import Deploy
import Director

/// Asking the nodes: shared by status --nodes, drift and adopt.
enum NodeQuery {
    /// With `context`'s kept connections (the service's) where it has them.
    static func inspect(
        _ director: DirectorRepository, nodes: [String], drift: Bool, context: CommandContext = .terminal
    ) throws -> [NodeStatus] {
        do {
            return try NodeInspector(director: director, nodes: nodes).inspect(drift: drift, warm: context.warm?.sessions)
        } catch {
            throw Exit.failure("\(error)", to: context.output)
        }
    }
}
