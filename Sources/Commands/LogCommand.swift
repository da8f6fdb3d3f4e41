import ArgumentParser
import Director
import Operations

struct LogCommand: ContextCommand {
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

    /// Its text to `context`'s output (`ServedCommands`: the service's caller).
    func run(in context: CommandContext) throws {
        let console = context.output
        let director = try repository.open(to: console)
        do {
            let request = LogRequest(
                path: path.flatMap { LogRequest.path(named: Paths.managed($0, root: director.root, in: context.directory)) },
                limit: limit,
                withChanges: output.json || !oneline)
            let entries = try DirectorOperations(director).log(request)
            if output.json { return try output.print(entries, to: console) }
            if entries.isEmpty && path == nil { console.print("No commits yet.") }
            for entry in entries {
                if oneline {
                    console.print("\(console.paint(entry.commit.shortID, .yellow)) \(entry.commit.summary)")
                    continue
                }
                console.print(CommitFormat.header(entry.commit, output: console))
                for change in entry.changes { console.print("    " + change.line) }
                console.print("")
            }
        } catch {
            throw Exit.failure("\(error)", to: console)
        }
    }
}
