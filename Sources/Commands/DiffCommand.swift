import ArgumentParser
import Director

struct DiffCommand: ParsableCommand {
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

    func run() throws {
        let director = try repository.open()
        do {
            let old: ManagedTree
            let new: ManagedTree
            switch revisions.count {
            case 2:
                old = try director.tree(of: director.resolve(revisions[0]))
                new = try director.tree(of: director.resolve(revisions[1]))
            case 1:
                old = try director.tree(of: director.resolve(revisions[0]))
                new = try liveTree(director)
            default:
                old = try director.tree(of: director.head())
                new = try liveTree(director)
            }
            let text = try TreeDiff.render(old.changes(to: new), repository: director.repository)
            if !text.isEmpty { Console.print(Console.paintDiff(text)) }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw Exit.failure("\(error)")
        }
    }

    private func liveTree(_ director: DirectorRepository) throws -> ManagedTree {
        let (tree, diagnostics) = try director.snapshotLive()
        if diagnostics.hasErrors {
            Console.report(diagnostics)
            throw Exit.failure("the live cluster file is invalid", status: Exit.invalid)
        }
        return tree
    }
}
