import ArgumentParser
import Deploy
import Director
import Operations

struct StatusCommand: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show what differs between the live files and the last commit.",
        discussion: """
            One line per managed file that differs: A added, D deleted, M content modified,
            T only owner, group or mode changed. With --nodes, also asks every node: reachable
            or not, its commit, how far behind, drift, and its last deploy.

              confsync status
              confsync status --nodes       also every node's commit, drift, last deploy
              confsync status --peers       also how each peer director's main differs
            """)

    @OptionGroup var repository: RepositoryOptions

    @Flag(help: "Also ask every node for its commit, drift and last deploy.")
    var nodes = false

    @Flag(help: "Also show each peer director's main and how it differs from main here.")
    var peers = false

    @OptionGroup var output: JSONOption

    func validate() throws {
        if output.json && (nodes || peers) { throw ValidationError("--json covers the live files; leave out --nodes and --peers") }
    }

    /// With the service's `context` (`ServedCommands`), --nodes asks the nodes on its kept
    /// connections.
    func run(in context: CommandContext) throws {
        let console = context.output
        let director = try repository.open(to: console)
        director.prefetchStatCache()
        do {
            let status = try DirectorOperations(director).status()
            if output.json { return try output.print(status, to: console) }
            console.report(status.diagnostics)
            console.print("On main, at \(status.head.map { "\($0.shortID) \($0.summary)" } ?? "no commit yet")")
            if status.isClean {
                console.print("Live files match the last commit.")
            } else {
                console.print("Changes not committed:")
                for change in status.changes { console.print("  " + change.line) }
            }
            if let service = status.service { ServiceStatus.print(service, to: console) }
            if peers { try PeerStatus.print(director, to: console) }
        } catch {
            throw Exit.failure("\(error)", to: console)
        }
        if nodes { try printNodes(director, context: context) }
    }

    private func printNodes(_ director: DirectorRepository, context: CommandContext) throws {
        let console = context.output
        let statuses = try NodeQuery.inspect(director, nodes: [], drift: true, context: context)
        var rows = [["NODE", "REACHABLE", "COMMIT", "BEHIND", "DRIFT", "LAST DEPLOY"]]
        for s in statuses {
            let last = s.lastDeploy.map {
                "\($0.status) \($0.commit.prefix(7)) by \($0.user) at \(Console.date($0.at, offsetMinutes: 0))"
            } ?? "-"
            rows.append([
                s.node, s.reachable ? (s.busy ? "yes (busy)" : "yes") : "no",
                s.commit.map { String($0.prefix(7)) } ?? "-",
                s.behind.map(String.init) ?? (s.reachable && s.commit != nil ? "unknown" : "-"),
                s.drift.map { $0.isEmpty ? "none" : "\($0.count) file(s)" } ?? "-", last,
            ])
        }
        console.print("")
        console.print(Table.render(rows))
        for s in statuses where !s.reachable { console.print("  \(s.node): \(s.problem ?? "")") }
        for s in statuses {
            for pending in s.pendingActions {
                console.print(
                    "  \(s.node): pending action '\(pending.command)' (exit \(pending.exitStatus) in deploy "
                        + "\(pending.deployID)): runs again with the next deploy; "
                        + "'confsync deploy --drop-pending --node \(s.node)' forgets it")
            }
        }
    }
}
