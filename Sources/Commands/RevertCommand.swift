import ArgumentParser
import Director
import Operations

struct RevertCommand: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "revert",
        abstract: "Make a new commit that undoes one earlier commit.",
        discussion: """
            Undoes exactly what REV changed (content, owner, group, mode), keeping every later
            change. The result is validated like any commit. If a file REV touched changed again
            since, the revert is refused (exit 4): use 'rollback' to return to a whole state.

              confsync revert HEAD            undo the last commit
              confsync revert 3f2a1bc --apply and write the files back on this director
            """)

    @OptionGroup var repository: RepositoryOptions
    @OptionGroup var authorOptions: AuthorOptions
    @OptionGroup var restore: RestoreOptions

    @Argument(help: ArgumentHelp("The commit to undo.", valueName: "rev"))
    var revision: String

    /// With the service's `context` (`ServedCommands`), its caller is the author.
    func run(in context: CommandContext) throws {
        let director = try repository.open(to: context.output)
        let author = try authorOptions.signature(caller: context.caller)
        try restore.commitAndApply(director, verb: "revert", output: context.output) {
            try DirectorOperations(director).revert(revision, author: author)
        }
    }
}
