import ArgumentParser
import Director
import Operations
import Posix

struct AdoptCommand: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "adopt",
        abstract: "Turn a node's drifted files into a validated commit instead of throwing them away.",
        discussion: """
            Fetches the live content (and owner, group, mode) of PATH from NODE, commits it
            (validated like any commit, with the node named in the message), and writes it to
            this director's live files. Deploy then brings the other nodes to it.

              confsync drift lvs-cache2
              confsync adopt lvs-cache2 /etc/squid3/squid.conf
              confsync deploy
            """)

    @OptionGroup var repository: RepositoryOptions
    @OptionGroup var authorOptions: AuthorOptions

    @Argument(help: ArgumentHelp("The node whose content to adopt.", valueName: "node"))
    var node: String

    @Argument(help: ArgumentHelp("Managed files (absolute paths) to adopt.", valueName: "path"))
    var paths: [String]

    func validate() throws {
        if paths.isEmpty { throw ValidationError("name at least one drifted file to adopt") }
    }

    /// With the service's `context` (`ServedCommands`), its caller is the author.
    func run(in context: CommandContext) throws {
        let output = context.output
        let director = try repository.open(to: output)
        let request = AdoptRequest(
            node: node, paths: paths.map { ManagedPath(unchecked: Paths.managed($0, root: "/", in: context.directory)) },
            author: try authorOptions.signature(caller: context.caller), warm: context.warm?.sessions)
        let result: AdoptResult
        do {
            result = try DirectorOperations(director).adopt(request)
        } catch let error as AdoptError {
            switch error.code {
            case .notDrifted:
                throw Exit.failure("\(error.message) (see 'confsync drift \(node)')", status: Exit.conflict, to: output)
            case .noContent, .changedSince, .uncommittedEdits:
                throw Exit.failure(error.message, status: Exit.conflict, to: output)
            case .unreachable, .liveFilesNotWritten:
                throw Exit.failure(error.message, to: output)
            }
        } catch {
            throw Exit.failure("\(error)", to: output)
        }
        try CommitReport.print(result.commit, verb: "adopt", to: output)
        output.print("Adopted into \(director.root == "/" ? "the live files" : director.root); 'confsync deploy' brings the other nodes to it.")
    }
}
