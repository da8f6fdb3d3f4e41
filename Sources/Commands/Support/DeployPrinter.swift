import Deploy
import GitStore
import Wire

/// How deploys read in a terminal.
enum DeployPrinter {
    static func progressLine(_ o: NodeOutcome, output: Output = .terminal) -> String {
        var line = "  \(o.node): \(paintStatus(o.status, output: output))"
        if o.status == .upToDate { line += " (already at \(short(o.toCommit)))" }
        if o.status == .deployed {
            // What the node wrote, not what was planned: a planned file already in place is not counted.
            let inPlace = o.files.filter { $0.status == .unchanged }.count
            line += ", \(writtenCount(o)) file(s)" + (inPlace > 0 ? ", \(inPlace) already in place" : "")
        } else if (o.status == .failed || o.status == .rolledBack) && !o.changes.isEmpty {
            line += ", \(o.changes.count) file(s) planned"
        }
        // A node that failed before anything was planned (it refused this director) has no counts.
        if o.status == .deployed || ((o.status == .failed || o.status == .rolledBack) && !o.changes.isEmpty) {
            if !o.actions.isEmpty {
                line += ", actions: " + o.actions.map { "\($0.command) -> exit \($0.exitStatus)" }.joined(separator: "; ")
            }
            line += " (\(o.durationMillis) ms)"
        }
        if !o.message.isEmpty && !o.isAtTarget { line += " — \(o.message)" }
        for note in o.notes { line += "\n      note: \(note)" }
        for file in o.files where file.status == .drifted || file.status == .refused || file.status == .failed {
            line += "\n      \(file.status) \(file.path)\(file.message.isEmpty ? "" : ": \(file.message)")"
        }
        for action in o.actions where action.exitStatus != 0 && !action.outputTail.isEmpty {
            line += "\n" + outputLines(action.outputTail).map { "      | \($0)" }.joined(separator: "\n")
        }
        return line
    }

    static func table(_ report: DeployReport) -> String {
        var rows = [["NODE", "STATUS", "FROM", "NOW AT", "FILES", "ACTIONS"]]
        for o in report.outcomes {
            let now = o.isAtTarget ? o.toCommit.short : (o.status == .rolledBack ? short(o.fromCommit) : "?")
            let actions = o.actions.isEmpty ? "-" : o.actions.map { $0.exitStatus == 0 ? "ok" : "exit \($0.exitStatus)" }.joined(separator: ",")
            let files = o.status == .deployed ? writtenCount(o) : o.status == .upToDate ? 0 : o.changes.count
            rows.append([o.node, o.status.rawValue, short(o.fromCommit), now, String(files), actions])
        }
        let atTarget = report.outcomes.filter(\.isAtTarget).count
        return "\n" + Table.render(rows)
            + "\n\(atTarget)/\(report.outcomes.count) node(s) at \(report.commit.short) (deploy \(report.deployID))"
    }

    static func plan(_ report: DeployReport, droppingPending: Bool = false) -> String {
        var out: [String] = []
        for o in report.outcomes {
            out.append("\(o.node) (\(o.address)): \(o.status.rawValue), from \(short(o.fromCommit))")
            for change in o.changes {
                let kind = change.kind.rawValue
                let path = change.path.managed
                let onNode = o.toNode(path)
                out.append("    \(kind) \(path)" + (onNode == path ? "" : " (on \(o.node): \(onNode))"))
            }
            for action in o.plannedActions {
                for command in action.commands {
                    out.append("    action: \(command)   (pattern \(action.pattern); \(action.paths.joined(separator: " ")))")
                }
            }
            for pending in o.pendingActions { out.append("    " + pendingLine(pending, dropped: droppingPending)) }
            if !o.message.isEmpty { out.append("    \(o.message)") }
            for note in o.notes { out.append("    note: \(note)") }
        }
        return out.joined(separator: "\n")
    }

    /// What to show of a failed command's output: its error lines when it marks some (squid's
    /// `ERROR:`/`FATAL:`), else its last lines; five at most.
    static func outputLines(_ tail: String) -> [Substring] {
        let lines = tail.split(separator: "\n")
        let marked = lines.filter { $0.contains("ERROR") || $0.contains("FATAL") || $0.contains("error:") }
        return Array((marked.isEmpty ? lines : marked).suffix(5))
    }

    /// Files the node wrote or removed.
    static func writtenCount(_ o: NodeOutcome) -> Int {
        o.files.filter { $0.status == .written || $0.status == .deleted }.count
    }

    /// A pending action as the plan shows it.
    static func pendingLine(_ pending: PendingAction, dropped: Bool) -> String {
        "pending: \(pending.command)   (exit \(pending.exitStatus) in deploy \(pending.deployID); "
            + (dropped ? "dropped)" : "runs again)")
    }

    static func short(_ commit: ObjectID?) -> String { commit?.short ?? "-" }

    static func paintStatus(_ status: NodeOutcome.Status, output: Output) -> String {
        switch status {
        case .deployed, .upToDate: output.paint(status.rawValue, .green)
        case .planned: output.paint(status.rawValue, .cyan)
        default: output.paint(status.rawValue, .red)
        }
    }
}
