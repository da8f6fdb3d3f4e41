import Foundation
import Transport
import Wire

/// One authenticated conversation with a node's agent, used by one thread at a time.
final class NodeSession: @unchecked Sendable {
    /// The node and what it receives; `EarlySessions` hands a session to a deploy whose
    /// cluster file may give the node other files.
    var target: NodeTarget
    private let channel: MessageChannel
    /// The node's state as it answered the last state request.
    private(set) var state: NodeState
    /// Where the session goes back when a deploy is done with it (`release()`): kept open
    /// for the next deploy. Nil: it is closed. Weak: the home holds its idle sessions.
    weak var home: WarmSessions?
    /// When the session last heard from the node (the keepalive asks idle ones again).
    private(set) var lastHeard = Date()

    private init(target: NodeTarget, channel: MessageChannel, state: NodeState) {
        self.target = target
        self.channel = channel
        self.state = state
    }

    /// Connects, pins the node's certificate, proves the group key, and reads its state
    /// (without the manifest).
    static func open(
        _ target: NodeTarget, identity: Identity, director: String, options: DeployOptions
    ) throws -> NodeSession {
        guard let fingerprint = target.fingerprint else {
            throw DeployError(.notPinned, Fingerprint.missingPinAdvice(for: target.name))
        }
        let (channel, _) = try PeerAuthentication.connectAsDirector(
            to: target.endpoint, fingerprint: fingerprint, keyFile: target.keyFile, identity: identity, name: director,
            timeout: options.connectTimeout, ioTimeout: options.ioTimeout)
        do {
            try channel.send(.stateRequest(.summary))
            guard case .state(let state) = try channel.receive() else {
                throw DeployError(.protocolError, "\(target.name) did not answer with its state")
            }
            return NodeSession(target: target, channel: channel, state: state)
        } catch {
            channel.close()
            throw error
        }
    }

    /// Asks for the state again on a session kept open since an earlier deploy: one round
    /// trip instead of a new connection. Throws when the node has gone (the caller opens a
    /// new session).
    func refreshState(ioTimeout: Double? = nil) throws {
        if let ioTimeout { channel.connection.ioTimeout = ioTimeout }
        try channel.send(.stateRequest(.summary))
        guard case .state(let fresh) = try channel.receive() else {
            throw DeployError(.protocolError, "\(target.name) did not answer with its state")
        }
        state = fresh
        lastHeard = Date()
    }

    /// Renames paths between the director and this node (`%prefix%` directories).
    var paths: NodePaths { NodePaths(target.plan) }

    /// Asks again, with the manifest (for a node whose commit this repository does not know),
    /// in the director's paths.
    func fetchManifest() throws -> [ManifestEntry] {
        try channel.send(.stateRequest(.full))
        guard case .state(var full) = try channel.receive() else {
            throw DeployError(.protocolError, "\(target.name) did not answer with its state")
        }
        let paths = self.paths
        full.manifest = full.manifest.map { paths.incoming($0) }
        state = full
        return full.manifest
    }

    /// Sends the blobs and the apply (in the director's paths; the node gets its own); returns
    /// the node's answer and the drifted files it sent back, in the director's paths.
    func apply(_ apply: Apply, blobs: [Blob]) throws -> (ApplyResult, [Drifted]) {
        let paths = self.paths
        for blob in blobs { try channel.queue(.blob(blob)) }
        try channel.queue(.apply(paths.outgoing(apply)))
        try channel.flush()
        var drifted: [Drifted] = []
        while true {
            switch try channel.receive() {
            case .drifted(let file):
                drifted.append(paths.incoming(file))
            case .applyResult(let result):
                return (paths.incoming(result), drifted)
            case let other:
                throw DeployError(.protocolError, "\(target.name) sent \(other) while applying")
            }
        }
    }

    func send(_ message: Message) throws { try channel.send(message) }

    func receive() throws -> Message { try channel.receive() }

    /// Done with the session after a whole exchange: back to its `home` to be used again,
    /// or closed. After an error mid-exchange, `close()` instead.
    func release() {
        lastHeard = Date()
        if let home { home.checkIn(self) } else { close() }
    }

    func close() {
        try? channel.send(.bye)
        channel.close()
    }
}

/// A deploy-level failure with what it was about.
public struct DeployError: Error, CustomStringConvertible, Sendable {
    public enum Code: Sendable { case notPinned, protocolError, noNodes, noClusterFile, invalid }
    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
