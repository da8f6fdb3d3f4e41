import Testing
@testable import Transport

/// Timeouts are checked by their error, never by measuring time.
@Suite struct TimeoutTests {
    let agent: Identity
    let director: Identity

    init() throws {
        agent = try Identity.generate(commonName: "agent.test")
        director = try Identity.generate(commonName: "director.test")
    }

    @Test func clientHandshakeTimesOutAgainstASilentServer() throws {
        let silent = try Socket.listen(on: loopback)  // the kernel accepts; nobody answers
        let error = transportError {
            try TLSConnection.connect(
                to: Endpoint(host: "127.0.0.1", port: silent.localPort), identity: director,
                expectedPeer: agent.fingerprint, timeout: 0.2)
        }
        #expect(error?.code == .timeout)
        #expect(error?.message.contains("handshake") == true)
    }

    @Test func serverHandshakeTimesOutAgainstASilentClient() throws {
        let listener = try TLSListener(
            bind: loopback, identity: agent, trusted: [director.fingerprint], handshakeTimeout: 0.2)
        defer { listener.close() }
        let server = Background { transportError { try listener.accept() } }
        let silent = try Socket.connect(to: listener.endpoint, until: Deadline(secondsFromNow: 5))
        #expect(try server.value()?.code == .timeout)
        silent.close()
    }

    @Test func readTimesOutAndTheConnectionStaysUsable() throws {
        let listener = try TLSListener(bind: loopback, identity: agent, trusted: [director.fingerprint])
        defer { listener.close() }
        let server = Background {
            let connection = try listener.accept()
            return try connection.readExactly(1)
        }
        let client = try TLSConnection.connect(
            to: listener.endpoint, identity: director, expectedPeer: agent.fingerprint, ioTimeout: 0.2)
        #expect(transportError { try client.read(upTo: 10) }?.code == .timeout)
        try client.write([42])
        #expect(try server.value() == [42])
    }

    @Test func aSilentClientDoesNotHoldUpTheNextOne() throws {
        let listener = try TLSListener(
            bind: loopback, identity: agent, trusted: [director.fingerprint], handshakeTimeout: 0.2)
        defer { listener.close() }
        let silent = try Socket.connect(to: listener.endpoint, until: Deadline(secondsFromNow: 5))
        let stalled = try listener.acceptPending()
        let server = Background { try listener.acceptPending().handshake().peerCommonName }
        let client = try TLSConnection.connect(to: listener.endpoint, identity: director, expectedPeer: agent.fingerprint)
        #expect(try server.value() == "director.test")
        #expect(transportError { try stalled.handshake() }?.code == .timeout)
        #expect(transportError { try stalled.handshake() }?.code == .closed)
        client.close()
        silent.close()
    }

    @Test func timeoutInTheMiddleOfReadExactlyLeavesTheConnectionUnusable() throws {
        let listener = try TLSListener(bind: loopback, identity: agent, trusted: [director.fingerprint])
        defer { listener.close() }
        let server = Background {
            let connection = try listener.accept()
            try connection.write([1])
            return transportError { try connection.read(upTo: 1) }
        }
        let client = try TLSConnection.connect(
            to: listener.endpoint, identity: director, expectedPeer: agent.fingerprint, ioTimeout: 0.2)
        #expect(transportError { try client.readExactly(2) }?.code == .timeout)
        #expect(transportError { try client.read(upTo: 1) }?.code == .closed)
        client.close()
        // An unusable connection ends without close_notify: the server sees no clean EOF.
        #expect(try server.value()?.code == .closed)
    }
}
