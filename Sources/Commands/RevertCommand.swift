import ArgumentParser
import Director
import Operations

struct RevertCommand: ParsableCommand {
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

    func run() throws {
        let director = try repository.open()
        let author = try authorOptions.signature()
        try restore.commitAndApply(director, verb: "revert") {
            try DirectorOperations(director).revert(revision, author: author)
        }
    }
}
