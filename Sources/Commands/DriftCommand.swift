import ArgumentParser
import Deploy
import Director
import GitStore
import Wire

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
        let statuses = try NodeQuery.inspect(director, nodes: nodes, drift: true)
        var drifted = false
        var unreachable = false
        for status in statuses {
            guard status.reachable else {
                unreachable = true
                Console.print("\(status.node): unreachable — \(status.problem ?? "")")
                continue
            }
            let items = status.drift ?? []
            Console.print("\(status.node): " + (items.isEmpty ? "no drift" : "\(items.count) drifted file(s)"))
            for item in items {
                drifted = true
                Console.print(try render(item, node: status.node, director: director))
            }
        }
        if drifted { throw ExitCode(Exit.conflict) }
        if unreachable { throw ExitCode(Exit.failed) }
    }

    private func render(_ item: DriftItem, node: String, director: DirectorRepository) throws -> String {
        var out = "  \(item.kind) \(item.path)"
        let e = item.expected
        if let mode = item.actualMode, let owner = item.actualOwner, let group = item.actualGroup,
           mode != e.mode || owner != e.owner || group != e.group {
            out += "\n    attributes \(FileAttributes(mode: e.mode, owner: e.owner, group: e.group).summary)"
                + " -> \(FileAttributes(mode: mode, owner: owner, group: group).summary)"
        }
        guard item.kind == .content || item.kind == .missing else { return out }
        do {
            let repo = director.repository
            let old = ObjectID(hex: e.blobID).flatMap { repo.contains($0) ? $0 : nil }
            let new = try item.content.map { try repo.writeBlob($0) }
            let diff = try repo.unifiedDiff(old: old, new: new, path: String(item.path.dropFirst()))
            out += "\n" + Console.paintDiff(diff.split(separator: "\n", omittingEmptySubsequences: false)
                .map { "    " + $0 }.joined(separator: "\n"))
        } catch {
            out += "\n    (no diff: \(error))"
        }
        return out
    }
}
