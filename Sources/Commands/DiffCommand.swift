import ArgumentParser
import Director
import Operations

struct DiffCommand: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show changes as a unified diff: live files, or between commits.",
        discussion: """
              confsync diff                  live files against the last commit
              confsync diff HEAD~3           live files against an older commit
              confsync diff HEAD~3 HEAD      between two commits
            """)

    @OptionGroup var repository: RepositoryOptions

    @Argument(help: ArgumentHelp("No revision: the last commit against the live files.", valueName: "rev"))
    var revisions: [String] = []

    func validate() throws {
        if revisions.count > 2 { throw ValidationError("diff takes at most two revisions") }
    }

    /// Its text to `context`'s output (`ServedCommands`: the service's caller).
    func run(in context: CommandContext) throws {
        let console = context.output
        let director = try repository.open(to: console)
        do {
            let request = DiffRequest(from: revisions.first, to: revisions.count == 2 ? revisions[1] : nil)
            let result = try DirectorOperations(director).diff(request)
            if !result.diff.isEmpty { console.print(console.paintDiff(result.diff)) }
        } catch let error as OperationError {
            console.report(error.diagnostics)
            throw Exit.failure(error.message, status: Exit.invalid, to: console)
        } catch {
            throw Exit.failure("\(error)", to: console)
        }
    }
}
