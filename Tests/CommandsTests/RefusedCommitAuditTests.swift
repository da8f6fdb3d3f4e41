import Foundation
import Testing

/// A commit validation refuses does not exist, but the audit records who tried and why,
/// once per distinct refusal, from the command line and from the service's schedule alike.
@Suite(.serialized) struct RefusedCommitAuditTests {
    static let typo = Fixture.squidConf.replacingOccurrences(of: "http_port 3128", with: "http_port 3128x")

    static func auditJSON(_ cluster: TestCluster) throws -> [[String: Any]] {
        let r = try cluster.confsync(["audit", "--json", "--no-service"])
        #expect(r.status == 0, "\(r.stderr)")
        return r.stdout.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    @Test func aRefusedCommitIsInTheAuditOnceWithWhoAndWhy() throws {
        let cluster = try TestCluster(nodes: ["node1"])
        defer { cluster.shutdown() }
        #expect(try cluster.commit("first").status == 0)
        try cluster.director.write("/etc/squid3/squid.conf", Self.typo)
        for _ in 0..<2 {
            let r = try cluster.confsync(["commit", "-m", "port typo", "--author", "Ann Admin <ann@example.org>", "--no-service"])
            #expect(r.status == 2, "\(r.stdout)\(r.stderr)")
        }
        var events = try Self.auditJSON(cluster)
        var refused = events.filter { $0["type"] as? String == "refused" }
        #expect(refused.count == 1, "\(events)")
        #expect(refused.first?["author"] as? String == "Ann Admin")
        #expect(refused.first?["message"] as? String == "port typo")
        #expect(refused.first?["files"] as? [String] == ["/etc/squid3/squid.conf"])
        let errors = refused.first?["errors"] as? [String] ?? []
        #expect(errors.contains { $0.contains("squid.conf:") && $0.contains("'3128x' is not a port number") }, "\(errors)")

        // The text timeline shows it after the commit it was tried on.
        let text = try cluster.confsync(["audit", "--no-service"]).stdout
        #expect(text.contains("refused  Ann Admin <ann@example.org>  \"port typo\"  on "), "\(text)")
        let commitLine = try #require(text.range(of: "commit  "))
        let refusedLine = try #require(text.range(of: "refused  "))
        #expect(commitLine.lowerBound < refusedLine.lowerBound)

        // Fixed and committed: a new refusal later is recorded again (another head).
        try cluster.director.write("/etc/squid3/squid.conf", Fixture.squidConf + "# fixed\n")
        #expect(try cluster.commit("fixed").status == 0)
        try cluster.director.write("/etc/squid3/squid.conf", Self.typo)
        #expect(try cluster.commit("typo again").status == 2)
        events = try Self.auditJSON(cluster)
        refused = events.filter { $0["type"] as? String == "refused" }
        #expect(refused.map { $0["message"] as? String } == ["port typo", "typo again"])
        // --node lists deploys only; --path keeps the refusals of that file.
        let byNode = try cluster.confsync(["audit", "--node", "node1", "--no-service"]).stdout
        #expect(!byNode.contains("refused"))
        let byPath = try cluster.confsync(["audit", "--path", "/etc/squid3/squid.conf", "--no-service"]).stdout
        #expect(byPath.contains("refused"), "\(byPath)")
    }

    @Test func theServicesRefusedCommitIsInTheAudit() throws {
        let cluster = try TestCluster(nodes: ["node1"])
        defer { cluster.shutdown() }
        #expect(try cluster.commit("first").status == 0)
        #expect(try cluster.deploy().status == 0)
        try cluster.director.write("/etc/squid3/squid.conf", Self.typo)
        let serve = try ServiceTests.Serve(cluster)
        defer { serve.stop() }
        let (r, json) = try ServiceTests.call(cluster, ["sync", "-m", "Scheduled sync"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(((json["result"] as? [String: Any])?["commit"] as? [String: Any])?["outcome"] as? String == "invalid")
        let refused = try Self.auditJSON(cluster).filter { $0["type"] as? String == "refused" }
        #expect(refused.count == 1)
        #expect(refused.first?["author"] as? String == "root", "\(refused)")
    }
}
