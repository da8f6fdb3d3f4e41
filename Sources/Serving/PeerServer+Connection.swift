import Transport
import Wire

extension PeerServer {
    /// Serves one connection admitted through the gate as `host`; it leaves the gate once
    /// the director is authenticated, or when the connection ends before that.
    func handle(_ pending: PendingTLSConnection, admittedAs host: String) {
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
            refuseUnpinned(channel)
            return
        }
        do {
            let hello = try PeerAuthentication.asAgent(channel, name: settings.name, keys: settings.groupKeys)
            leaveGate()
            let peer = AuthenticatedPeer(
                name: hello.name, remoteAddress: connection.remoteAddress, fingerprint: connection.peerFingerprint,
                hello: hello)
            var sessions = try handlers.map { try $0.session(for: peer) }
            try converse(channel, sessions: &sessions)
        } catch let error as TransportError where error.code == .closed {
            return
        } catch {
            logger.warning("\(connection.remoteAddress): \(error)")
        }
    }

    private func refuseUnpinned(_ channel: MessageChannel) {
        let connection = channel.connection
        // Its hello first (at most 4 KiB, not decoded), so that the refusal is not lost to a
        // reset when it arrives after the close.
        _ = try? connection.read(upTo: 4096)
        let name = settings.name
        let reason = "\(name) refused this director: its certificate \(connection.peerFingerprint) "
            + "is not pinned in \(name)'s trust list (\(settings.trustSetting))"
        channel.refuse(.notAuthenticated, reason)
        logger.warning("refused \(connection.remoteAddress): certificate \(connection.peerFingerprint) is not in the trust list")
    }

    /// Messages of one authenticated director until `bye`, each answered by the first
    /// session that handles it.
    private func converse(_ channel: MessageChannel, sessions: inout [any ConnectionSession]) throws {
        while true {
            let message = try channel.receive()
            if case .bye = message { return }
            let response: Response?
            do {
                response = try Self.respond(to: message, sessions: &sessions)
            } catch let refusal as Refusal {
                channel.refuse(refusal.code, refusal.message)
                throw refusal
            }
            switch response {
            case .reply(let replies):
                for reply in replies { try channel.queue(reply) }
                try channel.flush()
            case .refuse(let code, let reason):
                channel.refuse(code, reason)
                return
            case nil:
                channel.refuse(.unexpectedMessage, "unexpected \(message)")
                return
            }
        }
    }

    private static func respond(to message: Message, sessions: inout [any ConnectionSession]) throws -> Response? {
        for index in sessions.indices {
            if let response = try sessions[index].respond(to: message) { return response }
        }
        return nil
    }
}
