import ArgumentParser
import Director
import Operations

struct RollbackCommand: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollback",
        abstract: "Make a new commit whose files are exactly as they were at an earlier commit.",
        discussion: """
            "Go back to how it was": every managed file, owner, group and mode as of REV.
            History is kept; the rollback is a new commit, validated like any other.

              confsync rollback HEAD~3
              confsync rollback 3f2a1bc --apply    and write the files back on this director
            """)

    @OptionGroup var repository: RepositoryOptions
    @OptionGroup var authorOptions: AuthorOptions
    @OptionGroup var restore: RestoreOptions

    @Argument(help: ArgumentHelp("The commit to return to.", valueName: "rev"))
    var revision: String

    /// With the service's `context` (`ServedCommands`), its caller is the author.
    func run(in context: CommandContext) throws {
        let director = try repository.open(to: context.output)
        let author = try authorOptions.signature(caller: context.caller)
        try restore.commitAndApply(director, verb: "rollback", output: context.output) {
            try DirectorOperations(director).rollback(to: revision, author: author)
        }
    }
}
