import ArgumentParser
import Director

struct ShowCommand: ParsableCommand {
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

    func run() throws {
        let director = try repository.open()
        do {
            let commit = try director.resolve(revision)
            let parent = try commit.parents.first.map { try director.repository.commit($0) }
            let changes = try director.changes(from: parent, to: commit)
            Console.print(CommitFormat.header(commit))
            Console.print(Console.paintDiff(try TreeDiff.render(changes, repository: director.repository)))
        } catch {
            throw Exit.failure("\(error)")
        }
    }
}
