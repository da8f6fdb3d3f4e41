import ArgumentParser
import Deploy
import Director
import Wire

struct AdoptCommand: ParsableCommand {
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

    func run() throws {
        let director = try repository.open()
        let author = try authorOptions.signature()
        guard let status = try NodeQuery.inspect(director, nodes: [node], drift: true).first else {
            throw Exit.failure("no node '\(node)'")
        }
        guard status.reachable else { throw Exit.failure("\(node) is unreachable: \(status.problem ?? "")") }
        let wanted = paths.map { Paths.managed($0, root: "/") }
        var files: [DirectorRepository.AdoptedFile] = []
        for path in wanted {
            guard let item = status.drift?.first(where: { $0.path == path }) else {
                throw Exit.failure("\(path) has not drifted on \(node) (see 'confsync drift \(node)')", status: Exit.conflict)
            }
            guard let content = item.content else {
                throw Exit.failure("\(path) is \(item.kind) on \(node): there is no content to adopt", status: Exit.conflict)
            }
            // A node reports a symbolic link with the wire's link mode; its content is the target.
            let mode = item.actualMode ?? item.expected.mode
            let isLink = mode == Wire.FileChange.symlinkMode
            files.append(.init(
                path: path, content: content,
                attributes: FileAttributes(
                    mode: isLink ? 0o777 : mode, owner: item.actualOwner ?? item.expected.owner,
                    group: item.actualGroup ?? item.expected.group),
                isLink: isLink))
        }
        do {
            let (changes, _) = try director.status()
            let dirty = Set(changes.map(\.path)).intersection(wanted)
            if !dirty.isEmpty {
                throw Exit.failure(
                    "uncommitted edits on this director to \(dirty.sorted().joined(separator: ", ")); commit them first",
                    status: Exit.conflict)
            }
            let (result, before) = try director.adopt(files, from: node, author: author)
            try CommitReport.print(result, verb: "adopt")
            if let head = try director.head() {
                try director.applyToLive(try director.tree(of: head), previous: before, force: false)
                director.markLiveFiles(at: head.id)
            }
            Console.print("Adopted into \(director.root == "/" ? "the live files" : director.root); 'confsync deploy' brings the other nodes to it.")
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw Exit.failure("\(error)")
        }
    }
}
