import GitStore
import Operations

/// The commit header `log` and `show` print, coloured as `output` shows it.
enum CommitFormat {
    static func header(_ commit: Commit, output: Output) -> String {
        header(CommitSummary(commit), output: output)
    }

    static func header(_ commit: CommitSummary, output: Output) -> String {
        var lines = [output.paint("commit \(commit.id)", .yellow)]
        lines.append("Author: \(commit.author) <\(commit.email)>")
        lines.append("Date:   \(Console.date(commit.time, offsetMinutes: commit.offsetMinutes))")
        lines.append("")
        for line in commit.message.split(separator: "\n", omittingEmptySubsequences: false).reversed()
            .drop(while: \.isEmpty).reversed() {
            lines.append("    " + line)
        }
        lines.append("")
        return lines.joined(separator: "\n")
    }
}
