import ArgumentParser
import Deploy

struct DeployCommand: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "deploy",
        abstract: "Bring every node to a commit: send only what changed, apply atomically, run actions.",
        discussion: """
            The nodes are the other hosts of this director's groups in the commit's cluster
            file (a group without this host is ignored; parenthesised hosts only receive).
            Each node gets the tree diff from the commit it has, restricted to its files, over
            mutually authenticated TLS; it applies it atomically and runs the actions whose
            patterns match. A node that is down is reported and caught up next time.

              confsync deploy                         the last commit, every node
              confsync deploy HEAD~1 --node lvs-cache1
              confsync deploy --dry-run               what would change where
              confsync deploy --force                 overwrite drifted files (old content kept)
              confsync deploy --force --overwrite-drift --node lvs-cache2
                                                      every drifted file there, also where
                                                      the commit does not change it

            On a terminal each node's line shows its phase (connecting, planning, sending)
            while it goes, then its result; into a pipe only the results (--verbose: the
            phases too, a line each).

            Exit 0 only if every node is at the commit; 5 if some is not.
            """)

    @OptionGroup var repository: RepositoryOptions
    @OptionGroup var flags: DeployFlags
    @OptionGroup var waitOption: WaitOption

    @Argument(help: ArgumentHelp("The commit to deploy.", valueName: "rev"))
    var revision: String = "HEAD"

    /// With the service's `context` (`ServedCommands`), on its kept node connections.
    func run(in context: CommandContext) throws {
        let director = try repository.open(to: context.output)
        try flags.run(
            director, revision: revision, user: context.caller ?? AuthorOptions.invokingUser(),
            wait: waitOption.lockWait(output: context.output), context: context)
    }
}
