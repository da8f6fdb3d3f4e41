import ArgumentParser
import Deploy
import Director
import Operations

struct StatusCommand: ParsableCommand {
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

    func run() throws {
        let director = try repository.open()
        director.prefetchStatCache()
        do {
            let status = try DirectorOperations(director).status()
            if output.json { return try output.print(status) }
            Console.report(status.diagnostics)
            Console.print("On main, at \(status.head.map { "\($0.shortID) \($0.summary)" } ?? "no commit yet")")
            if status.isClean {
                Console.print("Live files match the last commit.")
            } else {
                Console.print("Changes not committed:")
                for change in status.changes { Console.print("  " + change.line) }
            }
            if let service = status.service { ServiceStatus.print(service) }
            if peers { try PeerStatus.print(director) }
        } catch {
            throw Exit.failure("\(error)")
        }
        if nodes { try printNodes(director) }
    }

    private func printNodes(_ director: DirectorRepository) throws {
        let statuses = try NodeQuery.inspect(director, nodes: [], drift: true)
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
        Console.print("")
        Console.print(Table.render(rows))
        for s in statuses where !s.reachable { Console.print("  \(s.node): \(s.problem ?? "")") }
        for s in statuses {
            for pending in s.pendingActions {
                Console.print(
                    "  \(s.node): pending action '\(pending.command)' (exit \(pending.exitStatus) in deploy "
                        + "\(pending.deployID)): runs again with the next deploy; "
                        + "'confsync deploy --drop-pending --node \(s.node)' forgets it")
            }
        }
    }
}
