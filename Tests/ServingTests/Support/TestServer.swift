import Foundation
import JournalLog
import Logging
import Synchronization
import Transport
import Wire

@testable import Serving

/// Log lines a server wrote, as a terminal would show them.
final class LogLines: Sendable {
    private let lines = Mutex<[String]>([])

    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }

    /// Whether a line containing `text` appears within `seconds` (the server logs on its own threads).
    func waitFor(_ text: String, seconds: Double = 10) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if all.contains(where: { $0.contains(text) }) { return true }
            usleep(10_000)
        }
        return false
    }
}

/// A `PeerServer` on a loopback port, serving on a thread of its own until `stop()`, and
/// the identities of the directors that talk to it.
final class TestServer: Sendable {
    let identity: Identity
    let director: Identity
    let server: PeerServer
    let log = LogLines()
    private let stopped = DispatchSemaphore(value: 0)

    init(
        _ handlers: [any ConnectionHandler], groupKeys: [[UInt8]] = [], limits: ConnectionLimits = ConnectionLimits()
    ) throws {
        identity = try Identity.generate(commonName: "node.test")
        director = try Identity.generate(commonName: "director.test")
        let settings = ServerSettings(
            name: "node1", listen: Endpoint(host: "127.0.0.1", port: 0), identity: identity,
            trusted: [director.fingerprint], trustSetting: "agent.conf 'trust ='", groupKeys: groupKeys, limits: limits,
            ioTimeout: 10)
        let log = log
        let logger = Logger(label: "serving-tests") { _ in
            JournalLogHandler(program: "test", journal: false) { log.append($0) }
        }
        server = try PeerServer(settings: settings, handlers: handlers, logger: logger)
        let server = server
        let stopped = stopped
        Thread {
            server.serve()
            stopped.signal()
        }.start()
    }

    var endpoint: Endpoint { Endpoint(host: "127.0.0.1", port: server.port) }

    /// Stops the server and waits for its accept loop to end.
    func stop() {
        server.stop()
        _ = stopped.wait(timeout: .now() + 10)
    }

    /// A connection as `identity` (the trusted director by default), through TLS only.
    func connectTLS(as identity: Identity? = nil) throws -> MessageChannel {
        MessageChannel(
            try TLSConnection.connect(to: endpoint, identity: identity ?? director, expectedPeer: self.identity.fingerprint))
    }

    /// An authenticated conversation as director `name`, proving `key` if given.
    func connect(name: String = "d1", key: [UInt8]? = nil) throws -> MessageChannel {
        let channel = try connectTLS()
        do {
            _ = try PeerAuthentication.asDirector(channel, name: name, key: key)
        } catch {
            channel.close()
            throw error
        }
        return channel
    }
}

/// The error `body` throws, if it is a `PeerError` (the server's `error` message).
func peerError(_ body: () throws -> some Any) -> PeerError? {
    do {
        _ = try body()
        return nil
    } catch {
        return error as? PeerError
    }
}
