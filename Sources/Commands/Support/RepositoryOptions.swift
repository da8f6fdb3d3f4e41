import ArgumentParser
import Director
import Posix

/// --repo and --root, taken by every command that works on a director's repository.
struct RepositoryOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The director's repository.",
            discussion: "Default: <root>/var/lib/confsync/repo.git.",
            valueName: "dir"))
    var repo: String?

    @Option(
        help: ArgumentHelp(
            "Prefix for every live path: the managed files are read and written under it.",
            discussion: "Lets a whole cluster run on one machine, each host with its own root.",
            valueName: "dir"))
    var root: String = "/"

    @Flag(help: "Work in this process even when the director service runs ('confsync serve').")
    var noService = false

    static let defaultRepository = "/var/lib/confsync/repo.git"

    /// The repository path: --repo, else the default under the root.
    var repositoryPath: String {
        if let repo { return Paths.absolute(repo) }
        return RootPath.live(Self.defaultRepository, root: rootPath)
    }

    var rootPath: String { Paths.absolute(root) }

    /// Opens the repository, turning failures into a clear message and exit status.
    func open(to output: Output = .terminal) throws -> DirectorRepository {
        do {
            return try DirectorRepository.open(repository: repositoryPath, root: rootPath)
        } catch {
            throw Exit.failure("\(error)", to: output)
        }
    }
}
