import ArgumentParser
import Director
import GitStore
import Operations

struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Show the commit history, optionally of one file.",
        discussion: """
              confsync log                               every commit, newest first
              confsync log /etc/squid3/squid.conf        only commits that changed that file
              confsync log --oneline -n 5
            """)

    @OptionGroup var repository: RepositoryOptions

    @Argument(help: ArgumentHelp("A managed file or directory (its absolute path).", valueName: "path"))
    var path: String?

    @Option(name: [.customShort("n"), .long], help: "Show at most this many commits.")
    var limit: Int?

    @Flag(help: "One line per commit.")
    var oneline = false

    @OptionGroup var output: JSONOption

    func run() throws {
        let director = try repository.open()
        do {
            let request = LogRequest(
                path: path.map { Paths.managed($0, root: director.root) }, limit: limit,
                withChanges: output.json || !oneline)
            let entries = try DirectorOperations(director).log(request)
            if output.json { return try output.print(entries) }
            if entries.isEmpty && path == nil { Console.print("No commits yet.") }
            for entry in entries {
                if oneline {
                    Console.print("\(Console.paint(entry.commit.shortID, .yellow)) \(entry.commit.summary)")
                    continue
                }
                Console.print(CommitFormat.header(entry.commit))
                for change in entry.changes { Console.print("    " + change.line) }
                Console.print("")
            }
        } catch {
            throw Exit.failure("\(error)")
        }
    }
}

/// The commit header `log` and `show` print.
enum CommitFormat {
    static func header(_ commit: Commit) -> String {
        header(CommitSummary(commit))
    }

    static func header(_ commit: CommitSummary) -> String {
        var lines = [Console.paint("commit \(commit.id)", .yellow)]
        lines.append("Author: \(commit.author) <\(commit.email)>")
        lines.append("Date:   \(Console.date(commit.time, offsetMinutes: commit.offsetMinutes))")
        lines.append("")
        for line in commit.message.split(separator: "\n", omittingEmptySubsequences: false).reversed()
            .drop(while: \.isEmpty).reversed() {
            lines.append("    " + line)
        }
        lines.append("")
        return lines.joined(separator: "\n")
    }
}
