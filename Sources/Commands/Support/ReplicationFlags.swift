import ArgumentParser
import Director
import Replication

/// `--no-replicate` for the commands that change the repository (commit, deploy, sync), and
/// the replication they run afterwards: a failure is a warning, never undoes what was done.
struct ReplicationFlags: ParsableArguments {
    @Flag(help: "Do not replicate the repository to the peer directors afterwards.")
    var noReplicate = false

    /// Replicates with every peer director, printing a line each; problems are warnings.
    func afterChange(_ director: DirectorRepository, output: Output = .terminal) {
        guard !noReplicate else { return }
        var options = ReplicationOptions()
        options.connectTimeout = 3
        let reports: [PeerReport]
        do {
            reports = try Replicator(director: director, options: options).run()
        } catch {
            output.note("warning: not replicated to the peer directors: \(error)")
            return
        }
        guard !reports.isEmpty else { return }
        output.print("Replication:")
        for report in reports {
            output.print(ReplicationPrinter.line(report, output: output))
            if !report.isInSync {
                output.note(
                    "warning: \(report.peer) does not have this repository's main yet (\(report.status.rawValue)); "
                        + (report.status == .diverged ? "run 'confsync reconcile'" : "run 'confsync replicate' later"))
            }
        }
    }
}
