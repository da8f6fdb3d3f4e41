import ArgumentParser
import Director

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show what differs between the live files and the last commit.",
        discussion: """
            One line per managed file that differs: A added, D deleted, M content modified,
            T only owner, group or mode changed.

              confsync status
              confsync status --peers       also how each peer director's main differs
            """)

    @OptionGroup var repository: RepositoryOptions

    @Flag(help: "Also show each peer director's main and how it differs from main here.")
    var peers = false

    func run() throws {
        let director = try repository.open()
        do {
            let head = try director.head()
            let (changes, diagnostics) = try director.status()
            Console.report(diagnostics)
            Console.print("On main, at \(head.map { "\($0.id.short) \($0.summary)" } ?? "no commit yet")")
            if changes.isEmpty {
                Console.print("Live files match the last commit.")
            } else {
                Console.print("Changes not committed:")
                for change in changes { Console.print("  " + change.summary) }
            }
            if peers { try PeerStatus.print(director) }
        } catch {
            throw Exit.failure("\(error)")
        }
    }
}
