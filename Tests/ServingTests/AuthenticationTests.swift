import Testing
import Transport
import Wire

@testable import Serving

/// Nothing reaches a handler before the director is pinned and, with group keys, proved one.
@Suite struct AuthenticationTests {
    @Test func anUnpinnedCertificateHearsWhyAndIsLogged() throws {
        let server = try TestServer([EchoHandler()])
        defer { server.stop() }
        let stranger = try Identity.generate(commonName: "stranger.test")
        let channel = try server.connectTLS(as: stranger)
        defer { channel.close() }
        let error = try #require(peerError { try PeerAuthentication.asDirector(channel, name: "d9", key: nil) })
        #expect(error.code == .notAuthenticated)
        #expect(
            error.message
                == "node1 refused this director: its certificate \(stranger.fingerprint) is not pinned in node1's "
                + "trust list (agent.conf 'trust =')")
        #expect(
            server.log.waitFor("test: warning: refused 127.0.0.1:"), "\(server.log.all)")
        #expect(server.log.all.contains { $0.hasSuffix("certificate \(stranger.fingerprint) is not in the trust list\n") })
    }

    @Test func aDirectorWithoutTheGroupKeyIsRefused() throws {
        let key = Array("group key of the test".utf8)
        let server = try TestServer([EchoHandler()], groupKeys: [key])
        defer { server.stop() }
        let error = try #require(peerError { try server.connect(key: Array("another key".utf8)) })
        #expect(error.code == .notAuthenticated)
        #expect(error.message.contains("group key proof failed"))
        #expect(server.log.waitFor("does not hold a group key of this node"), "\(server.log.all)")
    }

    @Test func aDirectorWithTheGroupKeyIsServed() throws {
        let key = Array("group key of the test".utf8)
        let server = try TestServer([EchoHandler()], groupKeys: [key])
        defer { server.stop() }
        let channel = try server.connect(key: key)
        defer { channel.close() }
        try channel.send(.refs(Refs(refs: [])))
        #expect(try channel.receive() == .refs(Refs(refs: [Ref(name: "d1 #1", id: "")])))
    }
}
