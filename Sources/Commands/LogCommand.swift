import ArgumentParser
import Director
import GitStore

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

    func run() throws {
        let director = try repository.open()
        do {
            guard let head = try director.head() else {
                Console.print("No commits yet.")
                return
            }
            let treePath = path.map { String(Paths.managed($0, root: director.root).dropFirst()) }
            let commits = try director.repository.log(from: head.id, path: treePath, limit: limit)
            for commit in commits {
                if oneline {
                    Console.print("\(Console.paint(commit.id.short, .yellow)) \(commit.summary)")
                    continue
                }
                Console.print(CommitFormat.header(commit))
                let parent = try commit.parents.first.map { try director.repository.commit($0) }
                for change in try director.changes(from: parent, to: commit) {
                    Console.print("    " + change.summary)
                }
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
        var lines = [Console.paint("commit \(commit.id.hex)", .yellow)]
        lines.append("Author: \(commit.author.name) <\(commit.author.email)>")
        lines.append("Date:   \(Console.date(commit.author.time, offsetMinutes: commit.author.offsetMinutes))")
        lines.append("")
        for line in commit.message.split(separator: "\n", omittingEmptySubsequences: false).reversed()
            .drop(while: \.isEmpty).reversed() {
            lines.append("    " + line)
        }
        lines.append("")
        return lines.joined(separator: "\n")
    }
}
