import Foundation
import Testing
import Transport
import Wire

@testable import Serving

/// Connections between accept and authentication are bounded, in all and per address.
@Suite struct ConnectionGateTests {
    @Test func theGateCountsPerAddressAndInAll() {
        let gate = ConnectionGate(ConnectionLimits(pending: 3, pendingPerAddress: 2))
        #expect(gate.admit("10.0.0.1") == .admitted)
        #expect(gate.admit("10.0.0.1") == .admitted)
        #expect(
            gate.admit("10.0.0.1") == .refused(first: true, reason: "2 connections from 10.0.0.1 are not authenticated yet"))
        #expect(gate.admit("10.0.0.2") == .admitted)
        #expect(gate.admit("10.0.0.3") == .refused(first: false, reason: "3 connections are not authenticated yet"))
        #expect(gate.pending == 3)
        #expect(gate.takeRefusals() == 2)
        #expect(gate.takeRefusals() == 0)
        gate.leave("10.0.0.1")
        #expect(gate.admit("10.0.0.3") == .admitted)
        #expect(gate.admit("10.0.0.4") == .refused(first: true, reason: "3 connections are not authenticated yet"))
    }

    /// An idle TCP connection to 127.0.0.1:`port` (no TLS byte); -1 on failure.
    static func idleConnection(to port: Int) -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return -1 }
        var remote = sockaddr_in()
        remote.sin_family = sa_family_t(AF_INET)
        remote.sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, "127.0.0.1", &remote.sin_addr)
        let connected = withUnsafePointer(to: &remote) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        guard connected else {
            close(fd)
            return -1
        }
        return fd
    }

    /// Waits up to 10 s for `condition`.
    static func eventually(_ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if condition() { return true }
            usleep(10_000)
        }
        return false
    }

    @Test func overItsLimitAConnectionIsClosedAtOnceUntilThePendingOneLeaves() throws {
        let server = try TestServer([EchoHandler()], limits: ConnectionLimits(pending: 1, pendingPerAddress: 1))
        defer { server.stop() }
        let idle = Self.idleConnection(to: server.server.port)
        try #require(idle >= 0)
        var idleOpen = true
        defer { if idleOpen { close(idle) } }
        #expect(Self.eventually { server.server.gate.pending == 1 })

        // A second connection is closed before any TLS byte: the director hears nothing.
        let over = Self.idleConnection(to: server.server.port)
        try #require(over >= 0)
        defer { close(over) }
        var byte: UInt8 = 0
        #expect(read(over, &byte, 1) == 0, "closed at once")
        #expect(server.log.waitFor("closing new connections (127.0.0.1:"), "\(server.log.all)")
        #expect(server.log.all.contains { $0.hasSuffix("first): 1 connections are not authenticated yet\n") })
        #expect(throws: (any Error).self) { try server.connect() }

        // Once the idle one gives up, the refusals are counted in one line and a director gets in.
        close(idle)
        idleOpen = false
        #expect(server.log.waitFor("connection(s) over the limits of unauthenticated connections"), "\(server.log.all)")
        #expect(Self.eventually { server.server.gate.pending == 0 })
        let channel = try server.connect()
        defer { channel.close() }
        try channel.send(.refs(Refs(refs: [])))
        #expect(try channel.receive() == .refs(Refs(refs: [Ref(name: "d1 #1", id: "")])))
    }
}
