import GitStore
import Replication

/// How replication reads in a terminal.
enum ReplicationPrinter {
    /// One line per peer after replicating.
    static func line(_ report: PeerReport, output: Output = .terminal) -> String {
        var line = "  \(report.peer): \(paint(report.status, output: output))"
        switch report.status {
        case .upToDate, .updated:
            line += " (main \(short(report.localHead)))"
            if !report.sent.isEmpty { line += "; sent \(names(report.sent))" }
            if !report.received.isEmpty { line += "; received \(names(report.received))" }
        case .diverged:
            // The status already says "diverged"; the relation says how.
            line += " (\(divergence(report))); nothing was overwritten: run 'confsync reconcile --peer \(report.peer)'"
        case .compared:
            line += ": " + relation(report)
        case .unreachable, .failed:
            line += " — \(report.message)"
        }
        for kept in report.kept { line += "\n      kept: \(kept)" }
        return line
    }

    /// How the peer's main relates to main here, in words.
    static func relation(_ report: PeerReport) -> String {
        let here = short(report.localHead)
        let there = short(report.peerHead)
        switch report.relation {
        case .same: return "same main (\(here))"
        case .peerBehind(let count):
            return "behind by \(count) commit(s) (at \(there), here \(here)); 'confsync replicate' sends them"
        case .peerAhead(let count):
            return "ahead by \(count) commit(s) (at \(there), here \(here)); 'confsync replicate' fetches them"
        case .diverged:
            return "diverged: \(divergence(report)); 'confsync reconcile --peer \(report.peer)' joins them"
        case .unknown: return "main at \(there), not stored here"
        }
    }

    /// Both sides of a divergence: "here 9f10b79 (+1), d2 ca2b3c1 (+1), since d391602".
    static func divergence(_ report: PeerReport) -> String {
        guard case .diverged(let mine, let theirs, let base) = report.relation else { return relation(report) }
        return "here \(short(report.localHead)) (+\(mine)), \(report.peer) \(short(report.peerHead)) (+\(theirs)), "
            + "since \(short(base))"
    }

    /// Short reference names: `main`, `deploy notes`, the rest without `refs/confsync/`.
    static func names(_ refs: [String]) -> String {
        refs.map { ref -> String in
            switch ref {
            case "refs/heads/main": return "main"
            case "refs/notes/confsync/deploys": return "deploy notes"
            default: return ref.hasPrefix("refs/confsync/") ? String(ref.dropFirst("refs/confsync/".count)) : ref
            }
        }.joined(separator: ", ")
    }

    static func short(_ id: ObjectID?) -> String { id?.short ?? "no commit" }

    static func paint(_ status: PeerReport.Status, output: Output) -> String {
        switch status {
        case .upToDate, .updated: output.paint(status.rawValue, .green)
        case .compared: output.paint(status.rawValue, .cyan)
        default: output.paint(status.rawValue, .red)
        }
    }
}
