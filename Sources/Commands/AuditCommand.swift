import ArgumentParser
import Director
import Foundation
import GitStore
import Ledger
import Operations

struct AuditCommand: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "One timeline of commits, deploys and refused commits: who changed what, what ran where, with what result.",
        discussion: """
            Everything comes from the repository (commits, and deploy records kept as git notes),
            so every director holding it answers the same. A deploy still running, or whose
            director was killed, shows from its journal: nodes without a result yet as
            in-flight, or interrupted. A node a later deploy found at a commit with no record
            of how it got there shows as found, under the deploy the node named. A commit that
            validation refused shows as refused, with who tried and the errors (this director's
            own record: it is not replicated).

              confsync audit
              confsync audit --since 2026-11-01 --node lvs-cache2
              confsync audit --path /etc/squid3/squid.conf --json     JSON lines, for a SIEM
            """)

    @OptionGroup var repository: RepositoryOptions

    @Option(help: ArgumentHelp("Only events at or after this date (YYYY-MM-DD, 'YYYY-MM-DD HH:MM' UTC, or Unix seconds).", valueName: "date"))
    var since: String?

    @Option(help: ArgumentHelp("Only deploys to this node.", valueName: "name"))
    var node: String?

    @Option(help: ArgumentHelp("Only commits and deploys that touched this managed file.", valueName: "path"))
    var path: String?

    @Flag(help: "One JSON object per line.")
    var json = false

    /// Its text to `context`'s output (`ServedCommands`: the service's caller).
    func run(in context: CommandContext) throws {
        let console = context.output
        let director = try repository.open(to: console)
        let request = AuditRequest(
            since: try since.map(Self.parseDate), node: node, path: path.map { Paths.managed($0, root: director.root, in: context.directory) })
        do {
            for event in try DirectorOperations(director).audit(request) {
                console.print(json ? try event.json() : event.line)
            }
        } catch {
            throw Exit.failure("\(error)", to: console)
        }
    }

    static func parseDate(_ text: String) throws -> Int64 {
        if let seconds = Int64(text) { return seconds }
        for format in ["yyyy-MM-dd HH:mm", "yyyy-MM-dd"] {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return Int64(date.timeIntervalSince1970) }
        }
        throw ValidationError("--since: '\(text)' is not YYYY-MM-DD, 'YYYY-MM-DD HH:MM' or Unix seconds")
    }
}

extension AuditEvent {
    /// The event as the terminal shows it.
    var line: String {
        let when = Console.date(at, offsetMinutes: 0)
        switch self {
        case .commit(let commit, let files):
            return "\(when)  commit  \(commit.id.short)  \(commit.author.name) <\(commit.author.email)>  \"\(commit.summary)\""
                + "\n" + files.map { "        \($0)" }.joined(separator: "\n")
        case .deploy(let r):
            var line = "\(when)  deploy  \(r.toCommit.short)  \(r.node)  \(r.status.rawValue)  by \(r.user) from \(r.director)"
                + "  (\(r.deployID))"
            if !r.files.isEmpty { line += "\n        files: " + r.files.map { "\($0.status) \($0.path)" }.joined(separator: ", ") }
            for action in r.actions {
                line += "\n        action: \(action.command) -> exit \(action.exitStatus)"
                let tail = action.outputTail.split(separator: "\n").suffix(3)
                for out in tail { line += "\n          | \(out)" }
            }
            if !r.message.isEmpty && r.status != .deployed { line += "\n        \(r.message)" }
            return line
        case .refused(let r):
            return "\(when)  refused  \(r.author) <\(r.email)>  \"\(r.message.split(separator: "\n").first ?? "")\""
                + (r.head.map { "  on \($0.prefix(7))" } ?? "")
                + "\n" + r.errors.flatMap { $0.split(separator: "\n") }.map { "        \($0)" }.joined(separator: "\n")
        }
    }
}
