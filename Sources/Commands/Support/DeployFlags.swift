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

    @OptionGroup var replication: ReplicationFlags

    func options(revision: String, user: String) throws -> DeployOptions {
        guard parallel >= 1 else { throw ValidationError("--parallel must be at least 1") }
        var options = DeployOptions(user: user)
        options.revision = revision
        options.nodes = nodes
        options.group = group
        options.dryRun = dryRun
        options.parallel = parallel
        options.force = force
        options.rollbackOnFailure = rollbackOnFailure
        options.full = full
        options.dropPendingActions = dropPending
        return options
    }

    /// Runs the deploy, printing each node as it finishes and a table at the end. Sessions
    /// in `early` (see `EarlySessions`) are used where they fit.
    func run(_ director: DirectorRepository, revision: String, user: String, early: EarlySessions? = nil) throws {
        let options = try self.options(revision: revision, user: user)
        let report: DeployReport
        do {
            let target = try director.resolve(revision)
            Console.print("Deploying \(target.id.short) \"\(target.summary)\"" + (dryRun ? " (dry run)" : ""))
            let printer = LinePrinter()
            report = try DeployRunner(director: director, options: options).run(early: early) { outcome in
                printer.print(DeployPrinter.progressLine(outcome))
            }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw Exit.failure("\(error)")
        }
        if dryRun {
            Console.print(DeployPrinter.plan(report, droppingPending: dropPending))
            let unreachable = report.outcomes.filter { $0.status != .planned && $0.status != .upToDate }.map(\.node)
            if !unreachable.isEmpty {
                throw Exit.failure("could not plan for \(unreachable.joined(separator: ", "))", status: Exit.partial)
            }
            return
        }
        Console.print(DeployPrinter.table(report))
        replication.afterChange(director)
        if !report.succeeded {
            // A failed action leaves its node at the commit, with the action pending.
            let actionFailed = report.outcomes.filter {
                $0.status == .failed && $0.actions.contains { $0.exitStatus != 0 }
            }.map(\.node)
            let behind = report.outcomes.filter { !$0.isAtTarget && !actionFailed.contains($0.node) }.map(\.node)
            var problems: [String] = []
            if !behind.isEmpty {
                problems.append(
                    "\(behind.count) node(s) not at \(report.commit.prefix(7)): \(behind.joined(separator: ", "))"
                        + "; the next deploy catches them up")
            }
            if !actionFailed.isEmpty {
                problems.append(
                    "an action failed on \(actionFailed.joined(separator: ", ")): it stays pending and runs again "
                        + "with the next deploy (--drop-pending forgets it)")
            }
            throw Exit.failure(problems.joined(separator: "; "), status: Exit.partial)
        }
    }
}

/// Whole lines to standard output from several threads.
final class LinePrinter: @unchecked Sendable {
    private let lock = NSLock()

    func print(_ line: String) {
        lock.lock()
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
        lock.unlock()
    }
}
