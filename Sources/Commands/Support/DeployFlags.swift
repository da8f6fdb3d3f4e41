import ArgumentParser
import Deploy
import Director
import Foundation

/// The flags deploy and sync share, and how both print a deploy.
struct DeployFlags: ParsableArguments {
    @Option(name: .customLong("node"), help: ArgumentHelp("Deploy only to this node (repeatable).", valueName: "name"))
    var nodes: [String] = []

    @Option(help: ArgumentHelp("Deploy only to the nodes of this group.", valueName: "name"))
    var group: String?

    @Flag(help: "Show per node the file changes and actions that would run; change nothing.")
    var dryRun = false

    @Option(help: "How many nodes to deploy at once.")
    var parallel: Int = 8

    @Flag(help: "Overwrite drifted files on the nodes (their content is kept in the repository first).")
    var force = false

    @Flag(
        help: ArgumentHelp(
            "With --force, also write again drifted files the commit does not change.",
            discussion: """
                A plain --force overwrites drifted files where the deploy changes them; this also \
                sends the other files 'confsync drift' lists, to nodes already at the commit too, \
                so that they are the commit's again (what was there is kept in the repository first).
                """))
    var overwriteDrift = false

    @Flag(help: "A node whose action fails goes straight back to the commit it had.")
    var rollbackOnFailure = false

    @Flag(
        help: ArgumentHelp(
            "Forget the actions that failed on the nodes instead of running them again.",
            discussion: """
                An action that fails (exit status, timeout, killed) stays pending on its node and \
                runs again with every deploy to it until it succeeds; 'confsync status --nodes' lists \
                them. With --node, only those nodes forget theirs.
                """))
    var dropPending = false

    @Flag(
        help: ArgumentHelp(
            "Compare with each node's manifest instead of the diff from its commit.",
            discussion: """
                Sends whatever a node's manifest lacks or has otherwise, even to a node already at \
                the commit. Use it once after upgrading from a confsync that left symbolic links \
                out of deploys. It reads the whole tree and every node's manifest, so it is slower.
                """))
    var full = false

    @Flag(
        help: ArgumentHelp(
            "Without a terminal, also print each node's phases as they change.",
            discussion: """
                On a terminal (not TERM=dumb), a deploy shows a line per node with its phase (connecting, \
                planning, sending), redrawn in place, and each node's result line once it is done. \
                Into a pipe or a file it prints only the result lines; with --verbose also a line \
                per node and phase before them ('  node1: connecting').
                """))
    var verbose = false

    @OptionGroup var replication: ReplicationFlags

    func options(revision: String, user: String) throws -> DeployOptions {
        guard parallel >= 1 else { throw ValidationError("--parallel must be at least 1") }
        if overwriteDrift && !force { throw ValidationError("--overwrite-drift needs --force") }
        var options = DeployOptions(user: user)
        options.revision = revision
        options.nodes = nodes
        options.group = group
        options.dryRun = dryRun
        options.parallel = parallel
        options.force = force
        options.overwriteDrift = overwriteDrift
        options.rollbackOnFailure = rollbackOnFailure
        options.full = full
        options.dropPendingActions = dropPending
        return options
    }

    /// Runs the deploy, printing each node as it finishes (on a terminal, each node's phase
    /// while it runs; with --verbose, every phase: `DeployProgressPrinter`) and a table at the end. Sessions
    /// in `early` (see `EarlySessions`) are used where they fit; with the service's kept
    /// connections in `context`, those (and the service learns where the nodes are now).
    /// Holds the deploy lock unless a dry run: a second deploy waits (`wait`) and then
    /// resolves `revision`, so that it deploys what the first left.
    func run(
        _ director: DirectorRepository, revision: String, user: String, early: EarlySessions? = nil,
        wait: LockWait = LockWait(), context: CommandContext = .terminal
    ) throws {
        let progress = DeployProgressPrinter(output: context.output, verbose: verbose)
        // What else this deploy writes: above the live block while that is on the screen.
        let output = progress.output
        let options = try self.options(revision: revision, user: user)
        let report: DeployReport
        let toHead: Bool
        do {
            let lock = dryRun ? nil : try director.lockForDeploy(wait: wait)
            defer { withExtendedLifetime(lock) {} }
            // Connections opened before a wait may have idled out meanwhile.
            let early = lock?.waited == true ? nil : early
            let target = try director.resolve(revision)
            toHead = try director.head()?.id == target.id
            output.print("Deploying \(target.id.short) \"\(target.summary)\"" + (dryRun ? " (dry run)" : ""))
            defer { progress.end() }
            report = try DeployRunner(director: director, options: options).run(early: early, warm: context.warm?.sessions) {
                progress.show($0)
            }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            context.warm?.forgetNodes()
            throw Exit.failure("\(error)", to: output)
        }
        if dryRun {
            output.print(DeployPrinter.plan(report, droppingPending: dropPending))
            let unreachable = report.outcomes.filter { $0.status != .planned && $0.status != .upToDate }.map(\.node)
            if !unreachable.isEmpty {
                throw Exit.failure("could not plan for \(unreachable.joined(separator: ", "))", status: Exit.partial, to: output)
            }
            return
        }
        context.warm?.deployed(report, toEveryNodeOfHead: toHead && nodes.isEmpty && group == nil)
        output.print(DeployPrinter.table(report))
        replication.afterChange(director, output: output)
        if !report.succeeded {
            let directors = (try? director.liveCluster().config).map { Set($0.groups.flatMap { $0.hosts.filter { !$0.receiveOnly }.map(\.name) }) } ?? []
            throw Exit.failure(DeploySummary.incomplete(report, directors: directors), status: Exit.partial, to: output)
        }
    }
}
