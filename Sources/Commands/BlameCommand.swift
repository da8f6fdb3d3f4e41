import ArgumentParser
import Director

struct BlameCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "blame",
        abstract: "Show who last changed each line of a managed file, and in which commit.",
        discussion: """
              confsync blame /etc/squid3/squid.conf
              confsync blame /etc/squid3/squid.conf --rev HEAD~5
            """)

    @OptionGroup var repository: RepositoryOptions

    @Argument(help: ArgumentHelp("A managed file (its absolute path).", valueName: "path"))
    var path: String

    @Option(help: ArgumentHelp("Blame as of this commit.", valueName: "rev"))
    var rev: String = "HEAD"

    func run() throws {
        let director = try repository.open()
        do {
            let commit = try director.resolve(rev)
            let managed = Paths.managed(path, root: director.root)
            let lines = try director.repository.blame(path: String(managed.dropFirst()), at: commit.id)
            let width = String(lines.count).count
            let nameWidth = min(16, lines.map(\.author.name.count).max() ?? 0)
            for line in lines {
                let date = String(Console.date(line.author.time, offsetMinutes: line.author.offsetMinutes).prefix(10))
                let name = line.author.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
                let number = String(repeating: " ", count: width - String(line.line).count) + String(line.line)
                Console.print("\(Console.paint(line.commit.short, .yellow)) (\(name) \(date) \(number)) \(line.text)")
            }
        } catch {
            throw Exit.failure("\(error)")
        }
    }
}
