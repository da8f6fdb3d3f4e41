import ArgumentParser
import Deploy
import Director

/// Asking the nodes: shared by status --nodes, drift and adopt.
enum NodeQuery {
    static func inspect(_ director: DirectorRepository, nodes: [String], drift: Bool) throws -> [NodeStatus] {
        do {
            return try NodeInspector(director: director, nodes: nodes).inspect(drift: drift)
        } catch {
            throw Exit.failure("\(error)")
        }
    }
}
