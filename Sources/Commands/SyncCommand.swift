import ArgumentParser
import Deploy
import Director
import Operations

struct SyncCommand: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Commit the live files and deploy: the one-word replacement for 'csync2 -x'.",
        discussion: """
            Same as 'confsync commit -m MSG' followed by 'confsync deploy'. With nothing to
            commit it still deploys, so nodes that were down catch up. An invalid configuration
            is not committed and nothing is deployed (exit 2). A commit or deploy already
            running from this repository is waited for (--wait), then this one goes on.

              confsync sync -m "squid: block the new ad network"
            """)

    @OptionGroup var repository: RepositoryOptions
    @OptionGroup var authorOptions: AuthorOptions
    @OptionGroup var flags: DeployFlags
    @OptionGroup var waitOption: WaitOption
    @OptionGroup var weakened: WeakenedOption

    @Option(name: .shortAndLong, help: "The commit message.")
    var message: String

    /// With the service's `context` (`ServedCommands`), the commit looks only at the live
    /// files its watch saw change, and the deploy goes out on its kept node connections.
    func run(in context: CommandContext) throws {
        let output = context.output
        let director = try repository.open(to: output)
        if context.warm == nil { director.prefetchStatCache() }
        let author = try authorOptions.signature(caller: context.caller)
        let user = context.caller ?? AuthorOptions.deployUser(author: author)
        // Connect to the nodes (as HEAD's cluster file lists them) while the commit runs,
        // unless the service keeps connections open.
        let early =
            context.warm == nil
            ? EarlySessions.start(director: director, options: try flags.options(revision: "HEAD", user: user)) : nil
        defer { early?.closeUnused() }
        do {
            // Nothing new to commit still deploys, to catch up nodes.
            let request = CommitRequest(
                message: message, author: author, wait: try waitOption.lockWait(output: output), validation: weakened.validation)
            let operations = DirectorOperations(director)
            let result: CommitResult
            if let warm = context.warm {
                result = try warm.commit(operations, request)
            } else {
                result = try operations.commit(request)
            }
            try CommitReport.print(result, verb: "commit", to: output)
        } catch let exit as ExitCode {
            throw exit
        } catch let error as DirectorError where error.code == .conflict {
            throw Exit.failure("\(error)", status: Exit.conflict, to: output)
        } catch {
            throw Exit.failure("\(error)", to: output)
        }
        try flags.run(director, revision: "HEAD", user: user, early: early, wait: waitOption.lockWait(output: output), context: context)
    }
}
