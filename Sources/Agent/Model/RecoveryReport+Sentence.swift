extension RecoveryReport {
    /// What recovery did, in one sentence.
    public var sentence: String {
        let deploy = deployID.map { "deploy \($0)" } ?? "an apply"
        var text: String
        switch resolution {
        case .nothingInFlight: text = "recovery: no apply was in flight"
        case .discardedStaging: text = "recovery: \(deploy) stopped before its journal; its staged files were removed, nothing was replaced"
        case .completed: text = "recovery: \(deploy) stopped after its journal and was finished (every new file in place)"
        case .rolledBack: text = "recovery: \(deploy) stopped after its journal and was undone (every old file back)"
        }
        if let stopped { text += "; stopped a command an earlier agent left running: \(stopped)" }
        if !actions.isEmpty {
            let failed = actions.filter { $0.exitStatus != 0 }.count
            text += "; ran \(actions.count) command(s)" + (failed > 0 ? ", \(failed) failed" : "")
        }
        if !removed.isEmpty { text += "; removed \(removed.count) leftover file(s)" }
        return text
    }
}
