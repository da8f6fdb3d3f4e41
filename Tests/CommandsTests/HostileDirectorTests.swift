import Foundation
import Testing
import Transport
import Wire

/// A director that holds the right certificate and key but sends what a deploy never would:
/// the agent refuses, writes nothing, and keeps serving.
@Suite(.serialized) struct HostileDirectorTests {
    func connect(_ cluster: TestCluster, node: String) throws -> MessageChannel {
        let identity = try HostFiles.loadIdentity(root: cluster.director.path)
        let key = try HostFiles.readGroupKey(cluster.director.path + "/etc/confsync/cluster.key")
        let pin = try #require(Fingerprint(cluster.fingerprints[node] ?? ""))
        let connection = try TLSConnection.connect(
            to: Endpoint(host: "127.0.0.1", port: cluster.ports[node] ?? 0), identity: identity, expectedPeer: pin)
        let channel = MessageChannel(connection)
        _ = try PeerAuthentication.asDirector(channel, name: "director", key: key)
        return channel
    }

    @Test func pathEscapingTheRootIsRefused() throws {
        let cluster = try TestCluster(nodes: ["node1"])
        defer { cluster.shutdown() }
        let channel = try connect(cluster, node: "node1")
        let content = Array("pwned\n".utf8)
        let id = Digest.gitBlobID(content)
        let escape = "/etc/../../escaped-\(UUID().uuidString)"
        try channel.queue(.blob(Blob(id: id, content: content)))
        try channel.send(.apply(Apply(
            deployID: "evil-1", director: "director", user: "mallory", fromCommit: nil,
            toCommit: String(repeating: "a", count: 40), force: true,
            changes: [FileChange(path: escape, kind: .put, blobID: id, mode: 0o644, owner: "root", group: "root", expectedOldBlobID: nil)],
            actions: [])))
        // Refused, naming the path and the reason.
        guard case .applyResult(let result) = try channel.receive() else {
            Issue.record("expected an applyResult")
            return
        }
        #expect(result.status == .refused)
        #expect(result.files.map(\.path) == [escape])
        #expect(result.files.first?.message == "path has a '..' component", "\(result.files)")
        #expect(result.message == "refused: 1 change(s) refused (\(escape) path has a '..' component)", "\(result.message)")
        let outside = (cluster.root("node1").path as NSString).deletingLastPathComponent
        #expect(!FileManager.default.fileExists(atPath: outside + "/" + (escape as NSString).lastPathComponent))
        #expect(!FileManager.default.fileExists(atPath: "/" + (escape as NSString).lastPathComponent))
        channel.close()

        // The agent still deploys normally.
        #expect(try cluster.commit("first").status == 0)
        #expect(try cluster.deploy().status == 0)
    }

    @Test func frameLargerThanTheLimitIsRefusedBeforeItIsRead() throws {
        let cluster = try TestCluster(nodes: ["node1"])
        defer { cluster.shutdown() }
        let channel = try connect(cluster, node: "node1")
        // A blob frame header announcing 1 GiB (the limit is 64 MiB), then a little data.
        var header: [UInt8] = Frame.magic + [WireProtocol.version, MessageType.blob.rawValue]
        header += [0x40, 0x00, 0x00, 0x00]
        try channel.connection.write(header + [UInt8](repeating: 7, count: 1024))
        var code: ErrorCode?
        do {
            _ = try channel.receive()
        } catch let error as PeerError {
            code = error.code
        }
        #expect(code == .tooLarge)
        channel.close()
        #expect(try cluster.commit("first").status == 0)
        #expect(try cluster.deploy().status == 0)
        #expect(cluster.root("node1").read("/etc/squid3/squid.conf") == Fixture.squidConf)
    }

    @Test func wrongGroupKeyIsRefused() throws {
        let cluster = try TestCluster(nodes: ["node1"])
        defer { cluster.shutdown() }
        let identity = try HostFiles.loadIdentity(root: cluster.director.path)
        let pin = try #require(Fingerprint(cluster.fingerprints["node1"] ?? ""))
        let connection = try TLSConnection.connect(
            to: Endpoint(host: "127.0.0.1", port: cluster.ports["node1"] ?? 0), identity: identity, expectedPeer: pin)
        let channel = MessageChannel(connection)
        #expect(throws: (any Error).self) {
            _ = try PeerAuthentication.asDirector(channel, name: "director", key: Array("not the group key at all".utf8))
            try channel.send(.stateRequest(.summary))
            _ = try channel.receive()
        }
        channel.close()
    }
}
