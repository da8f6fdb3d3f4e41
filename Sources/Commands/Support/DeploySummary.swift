import Deploy

/// The last line of a deploy that left some node behind: who is not there and why, in words
/// that say what happens next.
enum DeploySummary {
    /// `directors`: the hosts that deploy (not receive-only) in some group: a peer director
    /// is a node of the groups it shares with this one.
    static func incomplete(_ report: DeployReport, directors: Set<String>) -> String {
        let commit = report.commit.short
        // A failed action leaves its node at the commit, with the action pending.
        // (A failed `verify` is not an action run: nothing was applied, nothing is pending.)
        let actionFailed = report.outcomes.filter {
            $0.status == .failed && $0.actions.contains { $0.exitStatus != 0 && !$0.command.hasPrefix("verify: ") }
        }
        let actionSentence = actionFailed.isEmpty ? nil :
            "an action failed on \(actionFailed.map(\.node).joined(separator: ", ")): it stays pending and runs again "
            + "with the next deploy (--drop-pending forgets it)"
        let behind = report.outcomes.filter { !$0.isAtTarget && !actionFailed.map(\.node).contains($0.node) }
        guard !behind.isEmpty else { return actionSentence ?? "" }
        let caches = report.outcomes.filter { !directors.contains($0.node) }
        let reasons = behind.map { "\($0.node) \(reason($0))" }.joined(separator: ", ")
        var text: String
        if behind.allSatisfy({ directors.contains($0.node) }), !caches.isEmpty {
            text = "all \(caches.count) cache node(s) at \(commit); " + behind.map { "peer director \($0.node) \(reason($0))" }
                .joined(separator: ", ")
                + " (a peer director is a node of the groups it shares with this one: '--group NAME' or "
                + "'--node NAME' deploys to the caches alone)"
        } else {
            text = "\(behind.count) of \(report.outcomes.count) node(s) not at \(commit): \(reasons)"
        }
        let retried = behind.allSatisfy { [.unreachable, .busy].contains($0.status) }
        text += retried ? "; the next deploy catches them up" : "; see the lines above for what each needs"
        return actionSentence.map { text + "; " + $0 } ?? text
    }

    private static func reason(_ outcome: NodeOutcome) -> String {
        switch outcome.status {
        case .unreachable: "unreachable"
        case .busy: "busy with another deploy"
        case .refused: "refused (drift: 'confsync drift \(outcome.node)', then --force or adopt)"
        case .rolledBack: "rolled back"
        case .failed where outcome.actions.contains(where: { $0.command.hasPrefix("verify: ") && $0.exitStatus != 0 }):
            "kept its files: its verify refused the new ones (output above)"
        default: outcome.status.rawValue
        }
    }
}
