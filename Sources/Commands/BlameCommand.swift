import ArgumentParser
import Director
import Operations

struct BlameCommand: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "blame",
        abstract: "Show who last changed each line of a managed file, and in which commit.",
        discussion: """
              confsync blame /etc/squid3/squid.conf
              confsync blame /etc/squid3/squid.conf --rev HEAD~5
            """)

    @OptionGroup var repository: RepositoryOptions

    @Argument(help: ArgumentHelp("A managed file (its absolute path).", valueName: "path"))
    var path: String

    @Option(help: ArgumentHelp("Blame as of this commit.", valueName: "rev"))
    var rev: String = "HEAD"

    /// Its text to `context`'s output (`ServedCommands`: the service's caller).
    func run(in context: CommandContext) throws {
        let console = context.output
        let director = try repository.open(to: console)
        do {
            let lines = try DirectorOperations(director).blame(Paths.managed(path, root: director.root, in: context.directory), at: rev)
            let width = String(lines.count).count
            let nameWidth = min(16, lines.map(\.author.count).max() ?? 0)
            for line in lines {
                let date = String(Console.date(line.time, offsetMinutes: line.offsetMinutes).prefix(10))
                let name = line.author.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
                let number = String(repeating: " ", count: width - String(line.line).count) + String(line.line)
                console.print("\(console.paint(line.shortCommit, .yellow)) (\(name) \(date) \(number)) \(line.text)")
            }
        } catch {
            throw Exit.failure("\(error)", to: console)
        }
    }
}
