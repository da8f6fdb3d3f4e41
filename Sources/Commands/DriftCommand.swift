import ArgumentParser
import Director
import Operations

struct DriftCommand: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "drift",
        abstract: "Show, per node, the managed files whose live content differs from what was deployed.",
        discussion: """
            Each drifted file is shown as a unified diff from what was deployed to what is on
            the node now (or as its mode/owner change). A deploy refuses to overwrite such
            files; 'confsync adopt' turns them into a commit instead. Looking stores
            nothing in the repository: only an adopt does.

              confsync drift                 every node
              confsync drift lvs-cache2
              confsync drift --json          one JSON document, for scripts

            With --json, one document: {"drifted", "unreachable", "nodes"}; per node
            "node", "address", "reached", "problem" (why not, or null), "commit" and
            "files"; per drifted file "path", "kind" (content, missing, attributes,
            notRegularFile), "attributesChanged", "expected" and "live", each
            {"blob", "mode", "owner", "group"} (modes in octal; "live" is null for a
            missing file). No file content and no diff.

            Exit 0 when nothing drifted, 4 when something did, 1 when a node was
            unreachable; the same with --json.
            """)

    @OptionGroup var repository: RepositoryOptions

    @Argument(help: ArgumentHelp("Only these nodes.", valueName: "node"))
    var nodes: [String] = []

    @OptionGroup var output: JSONOption

    /// With the service's `context` (`ServedCommands`), on its kept node connections.
    func run(in context: CommandContext) throws {
        let console = context.output
        let director = try repository.open(to: console)
        let result: DriftResult
        do {
            result = try DirectorOperations(director).drift(DriftRequest(nodes: nodes, warm: context.warm?.sessions))
        } catch {
            throw Exit.failure("\(error)", to: console)
        }
        if output.json {
            try output.print(result, to: console)
        } else {
            printText(result, to: console)
        }
        if result.hasDrift { throw ExitCode(Exit.conflict) }
        if result.hasUnreachable { throw ExitCode(Exit.failed) }
    }

    private func printText(_ result: DriftResult, to console: Output) {
        for node in result.nodes {
            guard node.reachable else {
                console.print("\(node.node): unreachable — \(node.problem ?? "")")
                continue
            }
            console.print("\(node.node): " + (node.files.isEmpty ? "no drift" : "\(node.files.count) drifted file(s)"))
            for file in node.files { console.print(render(file, console: console)) }
        }
    }

    private func render(_ file: DriftedFile, console: Output) -> String {
        var out = "  \(file.kind) \(file.path)"
        if let live = file.live, file.attributesChanged {
            out += "\n    attributes \(file.deployed.summary) -> \(live.summary)"
        }
        if let diff = file.diff {
            out += "\n" + console.paintDiff(diff.split(separator: "\n", omittingEmptySubsequences: false)
                .map { "    " + $0 }.joined(separator: "\n"))
        } else if let problem = file.diffProblem {
            out += "\n    (no diff: \(problem))"
        }
        return out
    }
}
