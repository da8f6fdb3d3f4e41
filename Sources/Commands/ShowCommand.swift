import ArgumentParser
import Director
import Operations

struct ShowCommand: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a commit: its message and its changes as a unified diff.",
        discussion: """
              confsync show              the last commit
              confsync show HEAD~2       revisions as git spells them (abbreviated ids too)
            """)

    @OptionGroup var repository: RepositoryOptions

    @Argument(help: ArgumentHelp("The commit.", valueName: "rev"))
    var revision: String = "HEAD"

    @OptionGroup var output: JSONOption

    /// Its text to `context`'s output (`ServedCommands`: the service's caller).
    func run(in context: CommandContext) throws {
        let console = context.output
        let director = try repository.open(to: console)
        do {
            let shown = try DirectorOperations(director).show(revision)
            if output.json { return try output.print(shown, to: console) }
            console.print(CommitFormat.header(shown.commit, output: console))
            console.print(console.paintDiff(shown.diff))
        } catch {
            throw Exit.failure("\(error)", to: console)
        }
    }
}
