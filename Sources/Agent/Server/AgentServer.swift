import Logging
import Serving
import Synchronization
import Transport
import Wire

/// The agent's part of the conversation with a director, plugged into a `PeerServer`:
/// state requests, blobs and applies through the `ApplyEngine`, drift reports. Each
/// connection gets an `AgentSession` (which holds the blobs sent before an apply); the
/// engine lets one apply run at a time.
public final class AgentServer: ConnectionHandler {
    public let configuration: AgentConfiguration
    private let engine: ApplyEngine
    /// Applies running now, across connections (a state request reports `busy`).
    private let applying = Mutex(0)
    private let logger: Logger

    public init(configuration: AgentConfiguration, engine: ApplyEngine, logger: Logger) {
        self.configuration = configuration
        self.engine = engine
        self.logger = logger
    }

    public func session(for peer: AuthenticatedPeer) -> any ConnectionSession {
        AgentSession(server: self)
    }

    /// The answer to a state request.
    func state(_ request: StateRequest) throws -> Response {
        let busy = applying.withLock { $0 > 0 }
        return .reply([
            .state(
                WireMapping.state(
                    try engine.state(), includeManifest: request.includeManifest, busy: busy,
                    pending: try engine.pendingActions()))
        ])
    }

    /// The answer to a drift request.
    func drift() throws -> Response {
        do {
            return .reply([.driftReport(WireMapping.drift(try engine.drift()))])
        } catch let error as AgentError {
            return .refuse(WireMapping.errorCode(error), error.message)
        }
    }

    /// Applies `apply` with the blobs received before it (each checked against its id).
    func apply(_ apply: Apply, blobs: [String: [UInt8]]) throws -> Response {
        let current = try engine.state().commit
        guard apply.fromCommit == current else {
            return .refuse(
                .staleCommit,
                "this node is at \(current ?? "no commit"), not \(apply.fromCommit ?? "no commit"): read the state again")
        }
        let report: ApplyReport
        do {
            let request = try WireMapping.request(apply, blobs: blobs)
            applying.withLock { $0 += 1 }
            defer { applying.withLock { $0 -= 1 } }
            report = try engine.apply(request)
        } catch let error as AgentError {
            return .refuse(WireMapping.errorCode(error), error.message)
        }
        var replies: [Message] = []
        if apply.force {
            for file in report.files {
                guard let content = file.driftedContent else { continue }
                replies.append(.drifted(Drifted(path: file.path, blobID: Digest.gitBlobID(content), content: content)))
            }
        }
        replies.append(.applyResult(WireMapping.result(report)))
        let outcome = "deploy \(apply.deployID) from \(apply.director) (\(apply.user)): \(report.status.rawValue), "
            + "\(apply.changes.count) change(s), \(report.actions.count) action(s)"
        logger.log(level: report.status == .applied ? .info : .warning, "\(outcome)")
        return .reply(replies)
    }
}
