import Foundation
import Testing

/// Two directors deploying different commits to the same nodes at the same moment (the
/// service on both, or an admin on the passive one): each node ends at one whole commit of
/// one of them, never a mix, and a deploy the node turned away says so.
@Suite(.serialized) struct TwoDirectorDeployTests {
    @Test func simultaneousDeploysFromTwoDirectorsAreNeverInterleaved() throws {
        // An action that takes a while keeps each apply open long enough to overlap.
        let slowAction = "\taction\n\t{\n\t\tpattern /etc/squid3/squid.conf;\n\t\texec \"sleep 1\";\n\t}"
        let pair = try DirectorPair(nodes: ["node1", "node2"], groupBody: slowAction)
        defer { pair.shutdown() }
        #expect(try pair.commit("d1", "first").status == 0)
        #expect(try pair.run("d1", ["deploy", "--node", "node1", "--node", "node2"]).status == 0)
        for (director, megabytes) in [("d1", 100), ("d2", 200)] {
            try pair.setCacheMem(director, megabytes)
            try pair.root(director).write("/etc/squid3/blocked.txt", "from \(director)\n")
            let r = try pair.commit(director, "from \(director)", ["--no-replicate"])
            #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        }

        let results = Results()
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            let director = ["d1", "d2"][index]
            let r = try? pair.run(director, ["deploy", "--no-replicate", "--node", "node1", "--node", "node2"])
            results.set(director, r)
        }
        let outputs = ["d1", "d2"].map { results.get($0) }
        for (director, r) in zip(["d1", "d2"], outputs) {
            #expect(r?.status == 0 || r?.status == 5, "\(director): \(r?.stdout ?? "")\(r?.stderr ?? "")")
        }
        for node in pair.nodes {
            let squid = pair.root(node).read("/etc/squid3/squid.conf") ?? ""
            let blocked = pair.root(node).read("/etc/squid3/blocked.txt")
            let fromD1 = squid.contains("100 MB") && blocked == "from d1\n"
            let fromD2 = squid.contains("200 MB") && blocked == "from d2\n"
            #expect(fromD1 || fromD2, "\(node) holds one whole commit: cache_mem \(squid.contains("100 MB") ? 100 : 200), \(blocked ?? "-")")
            let deployedBy = zip(["d1", "d2"], outputs).filter { $0.1?.stdout.contains("\(node): deployed") == true }.map(\.0)
            #expect(!deployedBy.isEmpty, "some director deployed \(node)")
            if deployedBy.count == 1, let winner = deployedBy.first {
                #expect(winner == "d1" ? fromD1 : fromD2, "\(node) holds the commit of the deploy that reached it")
            }
        }
    }

    /// Results from the two threads.
    final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var results: [String: CLI.Result] = [:]

        func set(_ director: String, _ result: CLI.Result?) {
            lock.lock()
            results[director] = result
            lock.unlock()
        }

        func get(_ director: String) -> CLI.Result? {
            lock.lock()
            defer { lock.unlock() }
            return results[director]
        }
    }
}
