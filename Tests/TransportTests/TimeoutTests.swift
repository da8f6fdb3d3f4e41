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
}
