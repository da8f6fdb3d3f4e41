import ArgumentParser
import Director
import Operations

struct CommitCommand: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "commit",
        abstract: "Snapshot the live managed files, validate them, and commit.",
        discussion: """
            Reads every live file the cluster file includes for this director (under --root),
            with owner, group and mode, checks the whole candidate (cluster file, squid.conf,
            ldirectord.cf and any 'check' rules), and only then writes the commit.

              confsync commit -m "squid: raise cache_mem to 512 MB"

            Nothing changed: no commit, exit 3. Invalid: no commit, every error printed as
            path:line:col: error: message, exit 2. Another commit in progress is waited for
            (--wait); if it committed these live files meanwhile, this one says by which
            commit and exits 0.
            """)

    @OptionGroup var repository: RepositoryOptions
    @OptionGroup var authorOptions: AuthorOptions
    @OptionGroup var replication: ReplicationFlags
    @OptionGroup var waitOption: WaitOption
    @OptionGroup var weakened: WeakenedOption

    @Option(name: .shortAndLong, help: "The commit message.")
    var message: String

    @Flag(help: "Commit even where main moved on (replicated from a peer) for files still live here as they were.")
    var force = false

    /// With the service's `context` (`ServedCommands`), the commit looks only at the live
    /// files its watch saw change.
    func run(in context: CommandContext) throws {
        let output = context.output
        let director = try repository.open(to: output)
        if context.warm == nil { director.prefetchStatCache() }
        let result: CommitResult
        do {
            let request = CommitRequest(
                message: message, author: try authorOptions.signature(caller: context.caller), force: force,
                wait: try waitOption.lockWait(output: output), validation: weakened.validation)
            let operations = DirectorOperations(director)
            if let warm = context.warm {
                result = try warm.commit(operations, request)
            } else {
                result = try operations.commit(request)
            }
        } catch let error as ValidationError {
            throw error
        } catch let error as DirectorError where error.code == .conflict {
            throw Exit.failure("\(error)", status: Exit.conflict, to: output)
        } catch {
            throw Exit.failure("\(error)", to: output)
        }
        let committed = try CommitReport.print(result, verb: "commit", to: output)
        guard committed else { throw ExitCode(Exit.nothingToCommit) }
        replication.afterChange(director, output: output)
    }
}

/// How commit, revert and rollback report their outcome.
enum CommitReport {
    /// Prints the outcome; true if a commit was made, false if there was nothing to commit.
    /// An invalid candidate throws (exit 2).
    @discardableResult
    static func print(_ result: CommitResult, verb: String, to output: Output = .terminal) throws -> Bool {
        output.report(result.diagnostics)
        switch result.outcome {
        case .committed(let commit, let changes):
            output.print("[main \(commit.id.short)] \(commit.summary)")
            for change in changes { output.print(" " + change.summary) }
            return true
        case .nothingToCommit:
            if let head = result.committedWhileWaiting {
                // The live files went in, under another command's message: say whose.
                output.print(
                    "nothing left to commit: while this \(verb) waited, [main \(head.id.short)] \"\(head.summary)\" "
                        + "by \(head.author.name) committed the live files")
                return true
            }
            output.print("nothing to commit: the files are the same as the last commit")
            return false
        case .invalid:
            throw Exit.failure(
                "\(verb) refused: the configuration is invalid; nothing was committed", status: Exit.invalid, to: output)
        }
    }
}
