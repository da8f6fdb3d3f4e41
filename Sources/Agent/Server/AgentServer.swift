import Foundation
import Logging
import Synchronization
import Transport
import Wire

/// The agent's network side: accepts directors over pinned mutual TLS, checks the group
/// key proof, and serves state requests and applies through the `ApplyEngine`.
/// Each connection is handled on its own thread; the engine lets one apply run at a time.
public final class AgentServer: Sendable {
    public let configuration: AgentConfiguration
    private let engine: ApplyEngine
    private let listener: TLSListener
    private let keys: [[UInt8]]
    private let applying = Mutex(0)
    private let services: [any PeerService]
    private let gate: ConnectionGate
    private let logger: Logger

    public init(
        configuration: AgentConfiguration, engine: ApplyEngine, services: [any PeerService] = [],
        limits: ConnectionLimits = ConnectionLimits(), logger: Logger
    ) throws {
        guard !configuration.trusted.isEmpty else {
            throw AgentError(
                .invalidRequest,
                "no trusted director: add 'trust = SHA256:...' (the director's 'confsync fingerprint') to the agent configuration")
        }
        let identity = try Identity.load(certificatePath: configuration.certificate, keyPath: configuration.privateKey)
        self.configuration = configuration
        self.engine = engine
        self.services = services
        keys = try configuration.groupKeyFiles.map(HostFiles.readGroupKey)
        listener = try TLSListener(
            bind: configuration.listen, identity: identity, trusted: Set(configuration.trusted),
            acceptUnpinned: true, handshakeTimeout: limits.handshakeSeconds, ioTimeout: 120)
        gate = ConnectionGate(limits)
        self.logger = logger
    }

    /// The port actually bound (useful with port 0).
    public var port: Int { listener.port }

    /// Accepts connections until `stop()`; each is served on its own thread. A connection
    /// over the `ConnectionLimits` is closed at once (one log line per burst).
    public func serve() {
        while true {
            let pending: PendingTLSConnection
            do {
                pending = try listener.acceptPending()
            } catch let error as TransportError where error.code == .closed {
                return
            } catch {
                logger.error("accept failed: \(error)")
                continue
            }
            let host = pending.remoteHost
            if case .refused(let first, let reason) = gate.admit(host) {
                pending.refuse()
                if first { logger.warning("closing new connections (\(pending.remoteAddress) first): \(reason)") }
                continue
            }
            let thread = Thread { [self] in self.handle(pending, admittedAs: host) }
            thread.stackSize = 1 << 20
            thread.start()
        }
    }

    public func stop() {
        listener.close()
    }

    /// Serves one connection admitted through the gate as `host`; it leaves the gate once
    /// the director is authenticated, or when the connection ends before that.
    private func handle(_ pending: PendingTLSConnection, admittedAs host: String) {
        var inGate = true
        func leaveGate() {
            guard inGate else { return }
            inGate = false
            gate.leave(host)
            let refused = gate.takeRefusals()
            if refused > 0 { logger.warning("closed \(refused) connection(s) over the limits of unauthenticated connections") }
        }
        defer { leaveGate() }
        let connection: TLSConnection
        do {
            connection = try pending.handshake()
        } catch {
            logger.warning("refused \(pending.remoteAddress): \(error)")
            return
        }
        let channel = MessageChannel(connection)
        defer { channel.close() }
        // An unpinned certificate finishes TLS only so that the director hears why it is
        // refused; nothing it sends is read.
        guard connection.peerIsPinned else {
            // Its hello first (at most 4 KiB, not decoded), so that the refusal is not lost
            // to a reset when it arrives after the close.
            _ = try? connection.read(upTo: 4096)
            let reason = "\(configuration.name) refused this director: its certificate \(connection.peerFingerprint) "
                + "is not pinned in \(configuration.name)'s trust list (agent.conf 'trust =')"
            channel.refuse(.notAuthenticated, reason)
            logger.warning("refused \(connection.remoteAddress): certificate \(connection.peerFingerprint) is not in the trust list")
            return
        }
        do {
            let director = try PeerAuthentication.asAgent(channel, name: configuration.name, keys: keys)
            leaveGate()
            try serve(channel, director: director.name)
        } catch let error as TransportError where error.code == .closed {
            return
        } catch {
            logger.warning("\(connection.remoteAddress): \(error)")
        }
    }

    /// Requests of one authenticated director until `bye`.
    private func serve(_ channel: MessageChannel, director: String) throws {
        var blobs: [String: [UInt8]] = [:]
        while true {
            switch try channel.receive() {
            case .stateRequest(let request):
                let busy = applying.withLock { $0 > 0 }
                try channel.send(
                    .state(
                        WireMapping.state(
                            try engine.state(), includeManifest: request.includeManifest, busy: busy,
                            pending: try engine.pendingActions())))
            case .blob(let blob):
                guard Digest.gitBlobID(blob.content) == blob.id else {
                    channel.refuse(.blobMismatch, "content of blob \(blob.id) does not hash to its id")
                    return
                }
                blobs[blob.id] = blob.content
            case .apply(let apply):
                try handleApply(apply, blobs: blobs, channel: channel)
                blobs.removeAll()
            case .driftRequest:
                do {
                    try channel.send(.driftReport(WireMapping.drift(try engine.drift())))
                } catch let error as AgentError {
                    channel.refuse(WireMapping.errorCode(error), error.message)
                    return
                }
            case .bye:
                return
            case let other:
                guard let replies = try offerToServices(other, director: director, channel: channel) else {
                    channel.refuse(.unexpectedMessage, "unexpected \(other)")
                    return
                }
                for reply in replies { try channel.queue(reply) }
                try channel.flush()
            }
        }
    }

    private func offerToServices(_ message: Message, director: String, channel: MessageChannel) throws -> [Message]? {
        for service in services {
            do {
                if let replies = try service.handle(message, from: director) { return replies }
            } catch {
                channel.refuse(.internal, "\(error)")
                throw error
            }
        }
        return nil
    }

    private func handleApply(_ apply: Apply, blobs: [String: [UInt8]], channel: MessageChannel) throws {
        let current = try engine.state().commit
        guard apply.fromCommit == current else {
            channel.refuse(
                .staleCommit,
                "this node is at \(current ?? "no commit"), not \(apply.fromCommit ?? "no commit"): read the state again")
            return
        }
        let report: ApplyReport
        do {
            let request = try WireMapping.request(apply, blobs: blobs)
            applying.withLock { $0 += 1 }
            defer { applying.withLock { $0 -= 1 } }
            report = try engine.apply(request)
        } catch let error as AgentError {
            channel.refuse(WireMapping.errorCode(error), error.message)
            return
        }
        if apply.force {
            for file in report.files {
                guard let content = file.driftedContent else { continue }
                try channel.queue(.drifted(Drifted(path: file.path, blobID: Digest.gitBlobID(content), content: content)))
            }
        }
        try channel.send(.applyResult(WireMapping.result(report)))
        let outcome = "deploy \(apply.deployID) from \(apply.director) (\(apply.user)): \(report.status.rawValue), "
            + "\(apply.changes.count) change(s), \(report.actions.count) action(s)"
        logger.log(level: report.status == .applied ? .info : .warning, "\(outcome)")
    }
}
