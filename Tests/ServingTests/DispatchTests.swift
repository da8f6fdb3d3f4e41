import Testing
import Transport
import Wire

@testable import Serving

/// Messages of an authenticated director reach the sessions of the handlers, in order.
@Suite struct DispatchTests {
    @Test func aHandlerAnswersAndKeepsStatePerConnection() throws {
        let server = try TestServer([EchoHandler(), RefusingHandler()])
        defer { server.stop() }
        let first = try server.connect(name: "d1")
        let second = try server.connect(name: "d2")
        defer { first.close() }
        defer { second.close() }
        let sent = Refs(refs: [Ref(name: "refs/heads/main", id: "abc")])
        for expected in ["d1 #1", "d1 #2"] {
            try first.send(.refs(sent))
            #expect(try first.receive() == .refs(Refs(refs: sent.refs + [Ref(name: expected, id: "")])))
        }
        try second.send(.refs(sent))
        #expect(try second.receive() == .refs(Refs(refs: sent.refs + [Ref(name: "d2 #1", id: "")])), "its own count")
        try first.send(.bye)
        #expect(throws: TransportError.self) { try first.receive() }
    }

    @Test func aMessageNoSessionHandlesIsRefused() throws {
        let server = try TestServer([EchoHandler()])
        defer { server.stop() }
        let channel = try server.connect()
        defer { channel.close() }
        try channel.send(.pack(Pack(data: [])))
        let error = try #require(peerError { try channel.receive() })
        #expect(error.code == .unexpectedMessage)
        #expect(error.message.hasPrefix("unexpected "))
    }

    @Test func aRefusalIsSentAndNotLogged() throws {
        let server = try TestServer([EchoHandler(), RefusingHandler()])
        defer { server.stop() }
        let channel = try server.connect()
        defer { channel.close() }
        try channel.send(.driftRequest)
        let error = try #require(peerError { try channel.receive() })
        #expect(error.code == .busy && error.message == "another deploy is running")
        #expect(server.log.all.isEmpty, "\(server.log.all)")
    }

    @Test func aThrownRefusalIsSentAndLogged() throws {
        let server = try TestServer([EchoHandler(), RefusingHandler()])
        defer { server.stop() }
        let channel = try server.connect()
        defer { channel.close() }
        try channel.send(.refsRequest)
        let error = try #require(peerError { try channel.receive() })
        #expect(error.code == .internal && error.message == "the repository is gone")
        #expect(server.log.waitFor("test: warning: 127.0.0.1:"), "\(server.log.all)")
        #expect(server.log.all.contains { $0.hasSuffix(": the repository is gone\n") }, "\(server.log.all)")
    }
}
