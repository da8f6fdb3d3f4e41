import Foundation
import TestSupport
import Testing
@testable import Transport

@Suite struct PinningTests {
    let agent: Identity
    let director: Identity
    let stranger: Identity

    init() throws {
        agent = try Identity.generate(commonName: "agent.test")
        director = try Identity.generate(commonName: "director.test")
        stranger = try Identity.generate(commonName: "stranger.test")
    }

    @Test func untrustedClientIsRefusedBeforeAnyApplicationData() throws {
        let listener = try TLSListener(bind: loopback, identity: agent, trusted: [director.fingerprint])
        defer { listener.close() }
        let server = Background { transportError { try listener.accept() } }
        // In TLS 1.3 the client finishes its handshake before the server has checked its
        // certificate: the refusal shows on the client's first read.
        let client = try TLSConnection.connect(to: listener.endpoint, identity: stranger, expectedPeer: agent.fingerprint)
        try? client.write(Array("request".utf8))
        let error = try #require(try server.value())
        #expect(error.code == .untrustedPeer)
        #expect(error.peerFingerprint == stranger.fingerprint)
        #expect(error.message.contains(stranger.fingerprint.description))
        #expect(transportError { try client.read(upTo: 100) }?.code == .closed)
    }

    @Test func clientWithoutCertificateIsRefused() throws {
        let listener = try TLSListener(bind: loopback, identity: agent, trusted: [director.fingerprint])
        defer { listener.close() }
        let server = Background { transportError { try listener.accept() } }
        let client = try openssl([
            "s_client", "-connect", "127.0.0.1:\(listener.port)", "-tls1_3", "-quiet",
        ], input: "hello\n")
        #expect(client.stdout.isEmpty)
        #expect(try server.value()?.code == .untrustedPeer)
    }

    @Test func wrongServerPinIsRefused() throws {
        let listener = try TLSListener(bind: loopback, identity: agent, trusted: [director.fingerprint])
        defer { listener.close() }
        let server = Background { transportError { try listener.accept().read(upTo: 10) } }
        let error = transportError {
            try TLSConnection.connect(to: listener.endpoint, identity: director, expectedPeer: stranger.fingerprint)
        }
        #expect(error?.code == .untrustedPeer)
        #expect(error?.peerFingerprint == agent.fingerprint)
        #expect(error?.message.contains(agent.fingerprint.description) == true)
        #expect(error?.message.contains("expected \(stranger.fingerprint)") == true)
        // The server saw the client vanish without a word.
        #expect(try server.value()?.code == .closed)
    }

    @Test func tls12ClientIsRefused() throws {
        let directory = try TemporaryDirectory(prefix: "transport-tests")
        defer { directory.remove() }
        let certificatePath = directory.path + "/director.crt"
        let keyPath = directory.path + "/director.key"
        try director.write(certificatePath: certificatePath, keyPath: keyPath)
        let listener = try TLSListener(bind: loopback, identity: agent, trusted: [director.fingerprint])
        defer { listener.close() }
        let server = Background { transportError { try listener.accept() } }
        let client = try openssl([
            "s_client", "-connect", "127.0.0.1:\(listener.port)", "-tls1_2",
            "-cert", certificatePath, "-key", keyPath,
        ])
        #expect(client.status != 0)
        let error = try #require(try server.value())
        #expect(error.code == .handshakeFailed)
        #expect(error.message.contains("unsupported protocol"))
    }

    /// The same client certificate over TLS 1.3 with the CLI is accepted: the refusal
    /// above is the protocol version's doing.
    @Test func tls13ClientFromTheCLIIsAccepted() throws {
        let directory = try TemporaryDirectory(prefix: "transport-tests")
        defer { directory.remove() }
        let certificatePath = directory.path + "/director.crt"
        let keyPath = directory.path + "/director.key"
        try director.write(certificatePath: certificatePath, keyPath: keyPath)
        let listener = try TLSListener(bind: loopback, identity: agent, trusted: [director.fingerprint])
        defer { listener.close() }
        let server = Background {
            let connection = try listener.accept()
            return try connection.readExactly(6)
        }
        try openssl([
            "s_client", "-connect", "127.0.0.1:\(listener.port)", "-tls1_3", "-quiet",
            "-cert", certificatePath, "-key", keyPath,
        ], input: "hello\n")
        #expect(try server.value() == Array("hello\n".utf8))
    }

    @Test func unpinnedPeersAreAcceptedOnlyWhenAskedAndMarked() throws {
        let listener = try TLSListener(bind: loopback, identity: agent, trusted: [director.fingerprint], acceptUnpinned: true)
        defer { listener.close() }
        let server = Background { try (0..<2).map { _ in try listener.accept().peerIsPinned } }
        let newcomer = try TLSConnection.connectUnpinned(to: listener.endpoint, identity: stranger)
        #expect(!newcomer.peerIsPinned)
        #expect(newcomer.peerFingerprint == agent.fingerprint)
        let known = try TLSConnection.connect(to: listener.endpoint, identity: director, expectedPeer: agent.fingerprint)
        #expect(known.peerIsPinned)
        #expect(try server.value() == [false, true])
    }
}
