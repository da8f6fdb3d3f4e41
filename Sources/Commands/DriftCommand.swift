import ArgumentParser
import Director
import Operations

struct DriftCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drift",
        abstract: "Show, per node, the managed files whose live content differs from what was deployed.",
        discussion: """
            Each drifted file is shown as a unified diff from what was deployed to what is on
            the node now (or as its mode/owner change). A deploy refuses to overwrite such
            files; 'confsync adopt' turns them into a commit instead.

              confsync drift                 every node
              confsync drift lvs-cache2

            Exit 0 when nothing drifted, 4 when something did, 1 when a node was unreachable.
            """)

    @OptionGroup var repository: RepositoryOptions

    @Argument(help: ArgumentHelp("Only these nodes.", valueName: "node"))
    var nodes: [String] = []

    func run() throws {
        let director = try repository.open()
        let result: DriftResult
        do {
            result = try DirectorOperations(director).drift(DriftRequest(nodes: nodes))
        } catch {
            throw Exit.failure("\(error)")
        }
        for node in result.nodes {
            guard node.reachable else {
                Console.print("\(node.node): unreachable — \(node.problem ?? "")")
                continue
            }
            Console.print("\(node.node): " + (node.files.isEmpty ? "no drift" : "\(node.files.count) drifted file(s)"))
            for file in node.files { Console.print(render(file)) }
        }
        if result.hasDrift { throw ExitCode(Exit.conflict) }
        if result.hasUnreachable { throw ExitCode(Exit.failed) }
    }

    private func render(_ file: DriftedFile) -> String {
        var out = "  \(file.kind) \(file.path)"
        if let live = file.live, file.attributesChanged {
            out += "\n    attributes \(file.deployed.summary) -> \(live.summary)"
        }
        if let diff = file.diff {
            out += "\n" + Console.paintDiff(diff.split(separator: "\n", omittingEmptySubsequences: false)
                .map { "    " + $0 }.joined(separator: "\n"))
        } else if let problem = file.diffProblem {
            out += "\n    (no diff: \(problem))"
        }
        return out
    }
}
