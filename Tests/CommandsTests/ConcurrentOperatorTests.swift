import Foundation
import Testing

/// Several admins (or an admin and a schedule) at once on one director: the second command
/// waits for the first, says so, and then does what is left; none reports a failure or
/// "nothing to commit" for work another one did.
@Suite(.serialized) struct ConcurrentOperatorTests {
    /// Holds `<repo>/confsync/<name>` as a confsync process would, until released.
    final class HeldLock: @unchecked Sendable {
        private let fd: Int32

        init(_ path: String) throws {
            fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard fd >= 0, flock(fd, LOCK_EX | LOCK_NB) == 0 else { throw ClusterError("cannot hold \(path)") }
            let note = Array("pid \(getpid()) test\n".utf8)
            _ = ftruncate(fd, 0)
            _ = note.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        }

        func release() { close(fd) }
    }

    /// Runs the commands at once, each on its own thread; results in the same order.
    static func concurrently(_ commands: [[String]], cluster: TestCluster) -> [CLI.Result?] {
        // One thread each (Dispatch would run no more at once than there are cores).
        let results = LockedResults(count: commands.count)
        let group = DispatchGroup()
        for (index, command) in commands.enumerated() {
            group.enter()
            Thread {
                results.set(index, try? cluster.confsync(command))
                group.leave()
            }.start()
        }
        group.wait()
        return results.values
    }

    /// The directory of the repository's locks.
    static func locks(_ cluster: TestCluster) -> String { cluster.director.path + "/var/lib/confsync/repo.git/confsync/" }

    @Test func commitsWaitingForAnotherSayWhichCommitTookTheirFiles() throws {
        let cluster = try TestCluster(nodes: [])
        defer { cluster.shutdown() }
        #expect(try cluster.commit("initial").status == 0)
        for name in ["a", "b", "c"] { try cluster.director.write("/etc/squid3/\(name).conf", "edit \(name)\n") }

        let lock = try HeldLock(Self.locks(cluster) + "lock")
        let released = Thread {
            sleep(2)
            lock.release()
        }
        released.start()
        let results = Self.concurrently(["a", "b", "c"].map { ["commit", "-m", "edit \($0)"] }, cluster: cluster)

        var committed = 0
        var tookOver = 0
        for case let r? in results {
            #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
            #expect(r.stderr.contains("waiting for confsync pid \(getpid()) (test) to finish"), "\(r.stderr)")
            #expect(!r.stdout.contains("nothing to commit: the files are the same"), "\(r.stdout)")
            if r.stdout.contains("A /etc/squid3/a.conf") && r.stdout.contains("A /etc/squid3/c.conf") { committed += 1 }
            if r.stdout.contains("nothing left to commit: while this commit waited, [main ") { tookOver += 1 }
        }
        #expect(results.allSatisfy { $0 != nil })
        #expect(committed == 1 && tookOver == 2, "\(results.map { $0?.stdout ?? "-" })")
        let log = try cluster.confsync(["log", "--oneline"])
        #expect(log.stdout.split(separator: "\n").count == 2, "\(log.stdout)")
    }

    @Test func concurrentSyncsBothBringTheNodesToTheirCommit() throws {
        // A reload that takes a second keeps the first deploy running while the second arrives.
        let cluster = try TestCluster(
            nodes: ["node1", "node2"],
            groupBody: TestCluster.defaultGroupBody.replacingOccurrences(of: "exec \"echo", with: "exec \"sleep 1; echo"))
        defer { cluster.shutdown() }
        var r = try cluster.confsync(["sync", "-m", "initial"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")

        try cluster.director.write("/etc/squid3/squid.conf", Fixture.squidConf + "# both\n")
        let results = Self.concurrently([["sync", "-m", "one"], ["sync", "-m", "two"]], cluster: cluster)
        for case let r? in results {
            #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
            #expect(!r.stdout.contains("busy"), "\(r.stdout)")
        }
        #expect(results.contains { $0?.stderr.contains("(deploy) to finish") == true || $0?.stderr.contains("(commit) to finish") == true })
        let head = try cluster.confsync(["log", "--oneline", "--limit", "1"]).stdout.prefix(7)
        for node in cluster.nodes {
            #expect(cluster.root(node).read("/etc/squid3/squid.conf") == Fixture.squidConf + "# both\n")
            #expect(cluster.reloadLog(node).last?.contains(String(head)) == true, "\(cluster.reloadLog(node)) \(head)")
        }

        // A bound that runs out says for whom it waited, and changes nothing.
        let lock = try HeldLock(Self.locks(cluster) + "deploy.lock")
        defer { lock.release() }
        r = try cluster.confsync(["deploy", "--wait", "0.5"])
        #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains("gave up after 0.5 s waiting for confsync pid \(getpid()) (test)"), "\(r.stderr)")
    }
}

final class LockedResults: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [CLI.Result?]

    init(count: Int) { results = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: CLI.Result?) {
        lock.lock()
        results[index] = value
        lock.unlock()
    }

    var values: [CLI.Result?] {
        lock.lock()
        defer { lock.unlock() }
        return results
    }
}
