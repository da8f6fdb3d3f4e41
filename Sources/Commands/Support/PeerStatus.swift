import Director
import Replication

/// The `--peers` part of `confsync status`: each peer director's main against main here.
/// The peers' commits are fetched (objects only) so the difference can be counted; no
/// reference moves on either side.
enum PeerStatus {
    static func print(_ director: DirectorRepository, to output: Output = .terminal) throws {
        let reports = try Replicator(director: director).inspect()
        guard !reports.isEmpty else {
            output.print("No peer directors.")
            return
        }
        output.print("Peer directors:")
        for report in reports {
            let line =
                report.status == .compared
                ? "  \(report.peer): " + ReplicationPrinter.relation(report) : ReplicationPrinter.line(report, output: output)
            output.print(line)
        }
    }
}
