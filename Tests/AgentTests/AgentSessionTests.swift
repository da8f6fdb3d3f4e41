import Logging
import Serving
import Testing
import Transport
import Wire

@testable import Agent

/// The agent's side of a connection, driven in process: what a director sends reaches the
/// session of its connection, which keeps the blobs for the apply that follows.
@Suite struct AgentSessionTests {
    let sandbox: Sandbox
    let server: AgentServer

    init() throws {
        sandbox = try Sandbox()
        server = AgentServer(
            configuration: AgentConfiguration.defaults(root: sandbox.root, name: "node1"), engine: try sandbox.engine(),
            logger: Logger(label: "agent-session-tests") { _ in SwiftLogNoOpLogHandler() })
    }

    func session() throws -> any ConnectionSession {
        let hello = Hello(role: .director, name: "lvs1", nonce: [], softwareVersion: "test")
        let fingerprint = try Identity.generate(commonName: "lvs1.test").fingerprint
        return server.session(for: AuthenticatedPeer(name: "lvs1", remoteAddress: "127.0.0.1:1", fingerprint: fingerprint, hello: hello))
    }

    func apply(_ text: String, from: String? = nil) -> Apply {
        let change = Wire.FileChange(
            path: "/etc/a.conf", kind: .put, blobID: Requests.blob(text), mode: 0o644, owner: "root", group: "root",
            expectedOldBlobID: nil)
        return Apply(
            deployID: "d-1", director: "lvs1", user: "admin", fromCommit: from, toCommit: String(repeating: "a", count: 40),
            force: false, changes: [change], actions: [])
    }

    @Test func theBlobsOfAConnectionServeItsApply() throws {
        var session = try session()
        let content = Array("x = 1\n".utf8)
        #expect(try session.respond(to: .blob(Blob(id: Requests.blob("x = 1\n"), content: content))) == .reply([]))
        guard case .reply(let replies)? = try session.respond(to: .apply(apply("x = 1\n"))),
            case .applyResult(let result)? = replies.last
        else {
            Issue.record("no apply result")
            return
        }
        #expect(result.status == .applied, "\(result)")
        #expect(sandbox.read("/etc/a.conf") == "x = 1\n")
    }

    @Test func anotherConnectionsBlobsAreNotThere() throws {
        var first = try session()
        var second = try session()
        let content = Array("x = 1\n".utf8)
        _ = try first.respond(to: .blob(Blob(id: Requests.blob("x = 1\n"), content: content)))
        guard case .refuse(let code, _)? = try second.respond(to: .apply(apply("x = 1\n"))) else {
            Issue.record("the apply was not refused")
            return
        }
        #expect(code == .missingBlob)
        #expect(!sandbox.exists("/etc/a.conf"))
    }

    @Test func aBlobThatIsNotItsIdIsRefused() throws {
        var session = try session()
        let response = try session.respond(to: .blob(Blob(id: Requests.blob("x = 1\n"), content: Array("x = 2\n".utf8))))
        guard case .refuse(let code, _)? = response else {
            Issue.record("not refused: \(String(describing: response))")
            return
        }
        #expect(code == .blobMismatch)
    }

    @Test func anApplyFromAnotherCommitIsRefused() throws {
        var session = try session()
        guard case .refuse(let code, let message)? = try session.respond(to: .apply(apply("x", from: String(repeating: "b", count: 40))))
        else {
            Issue.record("the apply was not refused")
            return
        }
        #expect(code == .staleCommit)
        #expect(message.hasPrefix("this node is at no commit"))
    }

    @Test func replicationIsLeftToTheOtherHandlers() throws {
        var session = try session()
        #expect(try session.respond(to: .refsRequest) == nil)
        #expect(try session.respond(to: .bye) == nil)
    }
}
