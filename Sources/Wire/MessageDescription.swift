/// One short line per message, for logs: sizes instead of contents, so a 40 MB blob
/// never ends up in a log line.
extension Message: CustomStringConvertible {
    public var description: String {
        switch self {
        case .hello(let hello):
            "hello from \(hello.role) \(hello.name) (protocol \(hello.protocolVersion), confsync \(hello.softwareVersion))"
        case .proof(let proof): "proof (\(proof.mac.count) bytes)"
        case .driftRequest: "driftRequest"
        case .driftReport(let report): "driftReport: \(report.entries.count) file(s)"
        case .stateRequest(let request): "stateRequest\(request.includeManifest ? " (with manifest)" : "")"
        case .state(let state):
            "state: commit \(state.commit ?? "none"), \(state.manifest.count) files\(state.busy ? ", busy" : "")"
                + (state.pendingActions.isEmpty ? "" : ", \(state.pendingActions.count) pending actions")
        case .blob(let blob): "blob \(blob.id) (\(blob.content.count) bytes)"
        case .apply(let apply):
            "apply \(apply.deployID): \(apply.fromCommit ?? "none") -> \(apply.toCommit), "
                + "\(apply.changes.count) changes, \(apply.actions.count) actions\(apply.force ? ", forced" : "")"
        case .fileResult(let result): "fileResult \(result.path): \(result.status)"
        case .drifted(let drifted): "drifted \(drifted.path) (\(drifted.content.count) bytes)"
        case .actionResult(let result): "actionResult \(result.command): exit \(result.exitStatus)"
        case .applyResult(let result):
            "applyResult \(result.status): commit \(result.commit ?? "none"), "
                + "\(result.files.count) files, \(result.actions.count) actions"
        case .error(let error): "error \(error.code): \(error.message)"
        case .bye: "bye"
        case .refsRequest: "refsRequest"
        case .refs(let refs): "refs (\(refs.refs.count))"
        case .pack(let pack): "pack (\(pack.data.count) bytes)"
        case .updateRefs(let update): "updateRefs (\(update.updates.count))"
        case .updateRefsResult(let result): "updateRefsResult (\(result.results.count))"
        }
    }
}

/// `frame type N, M bytes`: sizes instead of contents.
extension Frame: CustomStringConvertible {
    public var description: String { "frame type \(type), \(payload.count) bytes" }
}
