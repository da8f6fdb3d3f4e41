import Foundation
import Testing

/// `CONFSYNC_KILL_STRESS=N swift test --filter DirectorKillStressTests`: N deploys in a row,
/// each killed (SIGKILL) at a random moment, then one that runs to the end. Every commit
/// whose action ran on a node must have exactly one record of reaching it.
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["CONFSYNC_KILL_STRESS"] != nil))
struct DirectorKillStressTests {
    static let rounds = Int(ProcessInfo.processInfo.environment["CONFSYNC_KILL_STRESS"] ?? "") ?? 30

    /// Each node's action sleeps as long as its `delay` file says.
    static let body = """
        \tinclude /etc/csync2.cfg;
        \tinclude /etc/squid3;
        \taction
        \t{
        \t\tpattern /etc/squid3/squid.conf;
        \t\texec "sleep $(cat $CONFSYNC_ROOT/delay); echo $CONFSYNC_COMMIT >> $CONFSYNC_ROOT/reload.log";
        \t}
        """

    @Test func killedDeploysLoseNoArrival() throws {
        let cluster = try TestCluster(groupBody: Self.body)
        defer { cluster.shutdown() }
        for (node, delay) in zip(cluster.nodes, ["0.05", "0.2", "0.5"]) { try cluster.root(node).write("/delay", delay) }
        var generator = SystemRandomNumberGenerator()
        for round in 0..<Self.rounds {
            try cluster.director.write(
                "/etc/squid3/squid.conf", Fixture.squidConf.replacingOccurrences(of: "256 MB", with: "\(300 + round) MB"))
            #expect(try cluster.commit("round \(round)").status == 0)
            let director = try DirectorKillTests.startDeploy(root: cluster.director.path, [])
            usleep(UInt32.random(in: 50_000...900_000, using: &generator))
            kill(director.processIdentifier, SIGKILL)
            director.waitUntilExit()
            usleep(700_000)  // the nodes finish what they were sent
            let truth = Set(arrivals(cluster).flatMap { node, commits in commits.map { "\(node) \($0)" } })
            let seen = Set(try recorded(cluster).map { "\($0.node) \($0.commit)" })
            print("round \(round): \(truth.count) arrivals so far, \(truth.subtracting(seen).count) not in audit yet")
        }
        let last = try cluster.deploy()
        #expect(last.status == 0, "\(last.stdout)\(last.stderr)")
        let truth = arrivals(cluster)
        let seen = try recorded(cluster)
        let all = seen.map { "\($0.node) \($0.commit)" }
        let expected = truth.flatMap { node, commits in commits.map { "\(node) \($0)" } }
        #expect(Set(all) == Set(expected), "missing: \(Set(expected).subtracting(all)), extra: \(Set(all).subtracting(expected))")
        #expect(all.count == Set(all).count, "counted twice: \(all.count - Set(all).count)")
        print("after \(Self.rounds) killed deploys: \(expected.count) arrivals, \(Set(all).intersection(expected).count) recorded "
            + "(\(seen.filter { $0.status == "found" }.count) as found), \(all.count - Set(all).count) twice")
    }

    /// Per node, the commits its action ran for (each apply of a changed squid.conf runs it).
    func arrivals(_ cluster: TestCluster) -> [String: [String]] {
        var result: [String: [String]] = [:]
        for node in cluster.nodes {
            result[node] = (cluster.root(node).read("/reload.log") ?? "").split(separator: "\n").map(String.init)
        }
        return result
    }

    /// Every (node, commit) that audit records as reached (deployed or found).
    func recorded(_ cluster: TestCluster) throws -> [(node: String, commit: String, status: String)] {
        let r = try cluster.confsync(["audit", "--json"])
        return try r.stdout.split(separator: "\n").compactMap { line in
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                object["type"] as? String == "deploy", let node = object["node"] as? String,
                let commit = object["toCommit"] as? String,
                ["deployed", "found"].contains(object["status"] as? String ?? "")
            else { return nil }
            return (node, commit, object["status"] as? String ?? "")
        }
    }
}
