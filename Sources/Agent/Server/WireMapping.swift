import Posix
import Wire

/// Between the apply engine's types and the protocol's.
enum WireMapping {
    static func state(
        _ state: NodeState, includeManifest: Bool, busy: Bool, pending: [PendingAction] = []
    ) -> Wire.NodeState {
        let manifest = includeManifest
            ? state.manifest.values.sorted { $0.path < $1.path }.map {
                Wire.ManifestEntry(path: $0.path, blobID: $0.blobID, mode: $0.mode, owner: $0.owner, group: $0.group)
            }
            : []
        let last = state.lastDeploy.map {
            Wire.DeployOutcome(
                deployID: $0.deployID, commit: $0.commit, status: applyStatus($0.status), at: $0.at,
                director: $0.director, user: $0.user)
        }
        return Wire.NodeState(
            commit: state.commit, manifest: manifest, busy: busy, lastDeploy: last,
            pendingActions: pending.map {
                Wire.PendingAction(
                    pattern: $0.pattern, command: $0.command, deployID: $0.deployID, exitStatus: $0.exitStatus, at: $0.at)
            })
    }

    static func drift(_ entries: [DriftEntry]) -> DriftReport {
        DriftReport(entries: entries.map { entry in
            let kind: DriftItem.Kind
            switch entry.kind {
            case .missing: kind = .missing
            case .content: kind = .content
            case .attributes: kind = .attributes
            case .notRegularFile: kind = .notRegularFile
            }
            let e = entry.expected
            return DriftItem(
                path: entry.path, kind: kind,
                expected: Wire.ManifestEntry(path: e.path, blobID: e.blobID, mode: e.mode, owner: e.owner, group: e.group),
                actualBlobID: entry.actualBlobID, actualMode: entry.actualMode, actualOwner: entry.actualOwner,
                actualGroup: entry.actualGroup, content: entry.content)
        })
    }

    static func applyStatus(_ status: ApplyStatus) -> Wire.ApplyStatus {
        switch status {
        case .applied: .applied
        case .refused: .refused
        case .failed: .failed
        case .rolledBack: .rolledBack
        }
    }

    static func fileStatus(_ status: FileOutcome.Status) -> Wire.FileStatus {
        switch status {
        case .written: .written
        case .deleted: .deleted
        case .unchanged: .unchanged
        case .drifted: .drifted
        case .refused: .refused
        case .failed: .failed
        }
    }

    static func result(_ report: ApplyReport) -> Wire.ApplyResult {
        Wire.ApplyResult(
            status: applyStatus(report.status), commit: report.commit,
            files: report.files.map { FileResult(path: $0.path, status: fileStatus($0.status), message: $0.message) },
            actions: report.actions.map {
                Wire.ActionResult(
                    pattern: $0.pattern, command: $0.command, exitStatus: $0.exitStatus, outputTail: $0.outputTail,
                    durationMillis: UInt64(max(0, $0.durationMillis)))
            },
            message: report.message)
    }

    static func errorCode(_ error: AgentError) -> ErrorCode {
        switch error.code {
        case .busy: .busy
        case .pathRefused: .pathRefused
        case .blobMismatch: .blobMismatch
        case .missingContent: .missingBlob
        case .drift: .drift
        case .io, .journal, .unknownAccount, .locked: .ioError
        case .invalidRequest: .badMessage
        case .recoveryNeeded: .internal
        }
    }

    /// The engine's request for a protocol `apply` and the blobs received before it.
    static func request(_ apply: Apply, blobs: [String: [UInt8]]) throws -> ApplyRequest {
        let changes = try apply.changes.map { change -> FileChange in
            switch change.kind {
            case .delete:
                return FileChange.delete(change.path, expectedOldBlobID: change.expectedOldBlobID)
            case .put:
                guard let id = change.blobID, let content = blobs[id] else {
                    throw AgentError(.missingContent, "no blob \(change.blobID ?? "(none)") was sent for \(change.path)")
                }
                return FileChange(
                    path: change.path, kind: .put, content: content, blobID: id, mode: change.mode,
                    owner: change.owner, group: change.group, expectedOldBlobID: change.expectedOldBlobID)
            }
        }
        var request = ApplyRequest(
            deployID: apply.deployID, director: apply.director, user: apply.user, fromCommit: apply.fromCommit,
            toCommit: apply.toCommit, force: apply.force, changes: changes,
            actions: apply.actions.map {
                ActionRequest(
                    pattern: $0.pattern, commands: $0.commands, logfile: $0.logfile, paths: $0.paths,
                    timeoutMillis: $0.timeoutMillis.map(Int.init), verify: $0.verify)
            },
            rollbackOnFailure: apply.rollbackOnFailure, dropPendingActions: apply.dropPendingActions)
        // Every blob in `blobs` was checked on arrival (AgentSession), and each put's content
        // is the blob of its id.
        request.contentMatchesBlobIDs = true
        return request
    }
}
