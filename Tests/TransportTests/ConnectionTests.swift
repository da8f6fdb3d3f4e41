import Foundation
import Testing
@testable import Transport

@Suite struct ConnectionTests {
    let agent: Identity
    let director: Identity

    init() throws {
        agent = try Identity.generate(commonName: "agent.test")
        director = try Identity.generate(commonName: "director.test")
    }

    /// 10 MB of varied bytes, built by copying a random 64 KB block (fast in debug builds).
    static func payload(megabytes: Int) -> [UInt8] {
        var block = [UInt8]()
        for _ in 0..<2048 { block += KeyProof.randomNonce() }
        var bytes = [UInt8]()
        bytes.reserveCapacity(megabytes << 20)
        for index in 0..<(megabytes * 16) {
            bytes += block
            bytes[bytes.count - 1] = UInt8(truncatingIfNeeded: index)
        }
        return bytes
    }

    @Test func echoesTenMegabytes() throws {
        let payload = Self.payload(megabytes: 10)
        let listener = try TLSListener(bind: loopback, identity: agent, trusted: [director.fingerprint])
        defer { listener.close() }
        let server = Background {
            let connection = try listener.accept()
            let received = try connection.readExactly(payload.count)
            try connection.write(received)
            connection.close()
            return (connection.peerCommonName, connection.peerFingerprint, connection.peerIsPinned)
        }
        let client = try TLSConnection.connect(to: listener.endpoint, identity: director, expectedPeer: agent.fingerprint)
        try client.write(payload)
        let echoed = try client.readExactly(payload.count)
        #expect(Digest.hash(.sha256, echoed) == Digest.hash(.sha256, payload))
        #expect(try client.read(upTo: 100) == [])  // the server's close_notify: clean EOF
        #expect(client.peerCommonName == "agent.test")
        #expect(client.peerFingerprint == agent.fingerprint)
        #expect(client.peerIsPinned)
        let (name, fingerprint, pinned) = try server.value()
        #expect(name == "director.test")
        #expect(fingerprint == director.fingerprint)
        #expect(pinned)
    }

    @Test func readReturnsWhatIsAvailable() throws {
        let listener = try TLSListener(bind: loopback, identity: agent, trusted: [director.fingerprint])
        defer { listener.close() }
        let server = Background {
            let connection = try listener.accept()
            try connection.write([1, 2, 3])
            return try connection.read(upTo: 10)  // [] once the client closes
        }
        let client = try TLSConnection.connect(to: listener.endpoint, identity: director, expectedPeer: agent.fingerprint)
        #expect(try client.read(upTo: 1000) == [1, 2, 3])
        client.close()
        client.close()
        #expect(try server.value() == [])
        #expect(transportError { try client.read(upTo: 1) }?.code == .closed)
        #expect(transportError { try client.write([1]) }?.code == .closed)
    }

    @Test func readExactlyThrowsClosedOnEarlyEOF() throws {
        let listener = try TLSListener(bind: loopback, identity: agent, trusted: [director.fingerprint])
        defer { listener.close() }
        let server = Background {
            let connection = try listener.accept()
            try connection.write([7, 7])
            connection.close()
        }
        let client = try TLSConnection.connect(to: listener.endpoint, identity: director, expectedPeer: agent.fingerprint)
        let error = transportError { try client.readExactly(3) }
        #expect(error?.code == .closed)
        #expect(error?.message.contains("2 of 3") == true)
        try server.value()
    }

    @Test func exporterValuesAreEqualOnBothEndsAndDifferBetweenSessions() throws {
        let listener = try TLSListener(bind: loopback, identity: agent, trusted: [director.fingerprint])
        defer { listener.close() }
        let server = Background {
            try (0..<2).map { _ in
                try listener.accept().exportKeyingMaterial(label: "EXPORTER-test", length: 48)
            }
        }
        let clientValues = try (0..<2).map { _ in
            let client = try TLSConnection.connect(
                to: listener.endpoint, identity: director, expectedPeer: agent.fingerprint)
            return try client.exportKeyingMaterial(label: "EXPORTER-test", length: 48)
        }
        let serverValues = try server.value()
        #expect(serverValues == clientValues)
        #expect(clientValues[0].count == 48)
        #expect(clientValues[0] != clientValues[1])
    }

    @Test func closeWakesAPendingAccept() throws {
        let listener = try TLSListener(bind: loopback, identity: agent, trusted: [])
        let server = Background { transportError { try listener.accept() } }
        listener.close()
        #expect(try server.value()?.code == .closed)
        #expect(transportError { try listener.accept() }?.code == .closed)
    }

    @Test func connectToAClosedPortFails() throws {
        let listener = try TLSListener(bind: loopback, identity: agent, trusted: [])
        let endpoint = listener.endpoint
        listener.close()
        let error = transportError {
            try TLSConnection.connect(to: endpoint, identity: director, expectedPeer: agent.fingerprint)
        }
        #expect(error?.code == .connectFailed)
        // The address once: "cannot connect to 127.0.0.1:N: Connection refused".
        #expect(error?.message == "cannot connect to 127.0.0.1:\(endpoint.port): Connection refused", "\(String(describing: error))")
    }

    @Test func unknownHostFails() {
        let error = transportError {
            try TLSConnection.connect(
                to: Endpoint(host: "no-such-host.invalid", port: 1), identity: director,
                expectedPeer: agent.fingerprint)
        }
        #expect(error?.code == .connectFailed)
    }

    @Test(.enabled(if: hasIPv6Loopback)) func worksOverIPv6() throws {
        let listener = try TLSListener(
            bind: Endpoint(host: "::1", port: 0), identity: agent, trusted: [director.fingerprint])
        defer { listener.close() }
        let server = Background { try listener.accept().remoteAddress }
        let client = try TLSConnection.connect(
            to: Endpoint(host: "::1", port: listener.port), identity: director, expectedPeer: agent.fingerprint)
        #expect(client.remoteAddress == "[::1]:\(listener.port)")
        #expect(try server.value().hasPrefix("[::1]:"))
    }
}

let hasIPv6Loopback: Bool = {
    (try? TLSListener(bind: Endpoint(host: "::1", port: 0), identity: Identity.generate(commonName: "probe"),
                      trusted: [])) != nil
}()

@Suite struct VanishedPeerTests {
    /// With SIGPIPE at its default (terminate), writing into a connection the peer has
    /// closed must come back as `.closed`: the socket BIO sends with MSG_NOSIGNAL.
    @Test func writingToAClosedPeerThrowsInsteadOfRaisingSIGPIPE() throws {
        var current = sigaction()
        #expect(sigaction(SIGPIPE, nil, &current) == 0)
        #expect(current.__sigaction_handler.sa_handler == nil)  // SIG_DFL: this test would die on SIGPIPE

        let agent = try Identity.generate(commonName: "agent.test")
        let director = try Identity.generate(commonName: "director.test")
        let listener = try TLSListener(bind: loopback, identity: agent, trusted: [director.fingerprint])
        defer { listener.close() }
        let server = Background { try listener.accept().close() }
        let client = try TLSConnection.connect(to: listener.endpoint, identity: director, expectedPeer: agent.fingerprint)
        try server.value()
        let chunk = [UInt8](repeating: 1, count: 1 << 20)
        let error = transportError { for _ in 0..<64 { try client.write(chunk) } }
        #expect(error?.code == .closed)
    }
}
