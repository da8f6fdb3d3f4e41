import ArgumentParser
import Deploy
import Director
import Foundation
import GitStore

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "One timeline of commits and deploys: who changed what, what ran where, with what result.",
        discussion: """
            Everything comes from the repository (commits, and deploy records kept as git notes),
            so every director holding it answers the same. A deploy still running, or whose
            director was killed, shows from its journal: nodes without a result yet as
            in-flight, or interrupted. A node a later deploy found at a commit with no record
            of how it got there shows as found, under the deploy the node named.

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

    func run() throws {
        let director = try repository.open()
        let start = try since.map(Self.parseDate)
        let managed = path.map { Paths.managed($0, root: director.root) }
        do {
            // Within one second, a commit comes before the deploys of it, and deploys of one
            // commit in the order they started: the rank is the commit's place in history.
            var events: [(event: AuditEvent, rank: Int, tie: String)] = []
            let history = try director.head().map { try director.repository.log(from: $0.id).reversed() } ?? []
            var place: [String: Int] = [:]
            for (index, commit) in history.enumerated() {
                place[commit.id.hex] = index
                if node != nil { continue }
                let files = try changedPaths(commit, director.repository)
                if let managed, !files.contains(managed) { continue }
                events.append((.commit(commit, files), 2 * index, ""))
            }
            for record in try DeployLedger(director).records() {
                if let node, record.node != node.lowercased() { continue }
                if let managed, !record.files.contains(where: { $0.path == managed }) { continue }
                events.append((.deploy(record), place[record.toCommit].map { 2 * $0 + 1 } ?? Int.max, record.deployID + record.node))
            }
            let ordered = events.filter { start == nil || $0.event.at >= start ?? 0 }
                .sorted { ($0.event.at, $0.rank, $0.tie) < ($1.event.at, $1.rank, $1.tie) }
                .map(\.event)
            for event in ordered { Console.print(json ? try event.json() : event.line) }
        } catch {
            throw Exit.failure("\(error)")
        }
    }

    private func changedPaths(_ commit: Commit, _ repository: Repository) throws -> [String] {
        let parentTree = try commit.parents.first.map { try repository.commit($0).tree }
        return try repository.diff(from: parentTree, to: commit.tree).map { change in
            change.path == AttributesFile.treePath ? "(owner/group/mode)" : "/" + change.path
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

/// A commit or one node's part of a deploy.
enum AuditEvent {
    case commit(Commit, [String])
    case deploy(DeployRecord)

    var at: Int64 {
        switch self {
        case .commit(let commit, _): commit.committer.time
        case .deploy(let record): record.at
        }
    }

    var line: String {
        let when = Console.date(at, offsetMinutes: 0)
        switch self {
        case .commit(let commit, let files):
            return "\(when)  commit  \(commit.id.short)  \(commit.author.name) <\(commit.author.email)>  \"\(commit.summary)\""
                + "\n" + files.map { "        \($0)" }.joined(separator: "\n")
        case .deploy(let r):
            var line = "\(when)  deploy  \(r.toCommit.prefix(7))  \(r.node)  \(r.status.rawValue)  by \(r.user) from \(r.director)"
                + "  (\(r.deployID))"
            if !r.files.isEmpty { line += "\n        files: " + r.files.map { "\($0.status) \($0.path)" }.joined(separator: ", ") }
            for action in r.actions {
                line += "\n        action: \(action.command) -> exit \(action.exitStatus)"
                let tail = action.outputTail.split(separator: "\n").suffix(3)
                for out in tail { line += "\n          | \(out)" }
            }
            if !r.message.isEmpty && r.status != .deployed { line += "\n        \(r.message)" }
            return line
        }
    }

    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        switch self {
        case .commit(let commit, let files):
            let entry = CommitEntry(
                type: "commit", commit: commit.id.hex, at: commit.committer.time, author: commit.author.name,
                email: commit.author.email, message: commit.message, files: files)
            return String(decoding: try encoder.encode(entry), as: UTF8.self)
        case .deploy(let record):
            return String(decoding: try encoder.encode(DeployEntry(type: "deploy", record: record)), as: UTF8.self)
        }
    }

    struct CommitEntry: Encodable {
        var type: String, commit: String, at: Int64, author: String, email: String, message: String, files: [String]
    }

    struct DeployEntry: Encodable {
        var type: String
        var record: DeployRecord

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(type, forKey: .type)
            try record.encode(to: encoder)
        }

        enum Key: String, CodingKey { case type }
    }
}
