import ArgumentParser
import Director

struct CommitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "commit",
        abstract: "Snapshot the live managed files, validate them, and commit.",
        discussion: """
            Reads every live file the cluster file includes for this director (under --root),
            with owner, group and mode, checks the whole candidate (cluster file, squid.conf,
            ldirectord.cf and any 'check' rules), and only then writes the commit.

              confsync commit -m "squid: raise cache_mem to 512 MB"

            Nothing changed: no commit, exit 3. Invalid: no commit, every error printed as
            path:line:col: error: message, exit 2.
            """)

    @OptionGroup var repository: RepositoryOptions
    @OptionGroup var authorOptions: AuthorOptions
    @OptionGroup var replication: ReplicationFlags

    @Option(name: .shortAndLong, help: "The commit message.")
    var message: String

    func run() throws {
        let director = try repository.open()
        let result: CommitResult
        do {
            result = try director.commit(message: message, author: authorOptions.signature())
        } catch let error as ValidationError {
            throw error
        } catch {
            throw Exit.failure("\(error)")
        }
        try CommitReport.print(result, verb: "commit")
        replication.afterChange(director)
    }
}

/// How commit, revert and rollback report their outcome.
enum CommitReport {
    static func print(_ result: CommitResult, verb: String) throws {
        Console.report(result.diagnostics)
        switch result.outcome {
        case .committed(let commit, let changes):
            Console.print("[main \(commit.id.short)] \(commit.summary)")
            for change in changes { Console.print(" " + change.summary) }
        case .nothingToCommit:
            Console.print("nothing to commit: the files are the same as the last commit")
            throw ExitCode(Exit.nothingToCommit)
        case .invalid:
            throw Exit.failure("\(verb) refused: the configuration is invalid; nothing was committed", status: Exit.invalid)
        }
    }
}
