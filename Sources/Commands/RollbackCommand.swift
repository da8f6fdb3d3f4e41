import ArgumentParser
import Director
import Operations

struct RollbackCommand: ParsableCommand {
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

    func run() throws {
        let director = try repository.open()
        let author = try authorOptions.signature()
        try restore.commitAndApply(director, verb: "rollback") {
            try DirectorOperations(director).rollback(to: revision, author: author)
        }
    }
}
