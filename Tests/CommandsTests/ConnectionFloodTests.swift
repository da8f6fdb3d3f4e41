import Foundation
import Testing

/// A flood of connections that never start TLS costs the agent a bounded number of threads
/// and little memory, and a director on another address still deploys meanwhile.
@Suite(.serialized) struct ConnectionFloodTests {
    /// A field of /proc/PID/status as a number ("Threads", "VmRSS" in kB).
    static func status(_ pid: Int32, _ field: String) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
            return Int(line.dropFirst(field.count + 1).split(whereSeparator: \.isWhitespace).first ?? "")
        }
        return nil
    }

    /// A TCP connection from `source` to 127.0.0.1:`port` that sends nothing; -1 on failure.
    static func idleConnection(from source: String, to port: Int) -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return -1 }
        var local = sockaddr_in()
        local.sin_family = sa_family_t(AF_INET)
        inet_pton(AF_INET, source, &local.sin_addr)
        var remote = sockaddr_in()
        remote.sin_family = sa_family_t(AF_INET)
        remote.sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, "127.0.0.1", &remote.sin_addr)
        let ok = withUnsafePointer(to: &local) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        } && withUnsafePointer(to: &remote) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
        guard ok else {
            close(fd)
            return -1
        }
        return fd
    }

    @Test func threeThousandIdleConnectionsCostABoundedNumberOfThreads() throws {
        let cluster = try TestCluster(nodes: ["node1"])
        defer { cluster.shutdown() }
        #expect(try cluster.commit("first").status == 0)
        let pid = try #require(cluster.agentPID("node1"))
        let port = try #require(cluster.ports["node1"])
        let threadsBefore = try #require(Self.status(pid, "Threads"))
        let rssBefore = try #require(Self.status(pid, "VmRSS"))

        var sockets: [Int32] = []
        defer { for fd in sockets { close(fd) } }
        for _ in 0..<3000 {
            let fd = Self.idleConnection(from: "127.0.0.2", to: port)
            if fd >= 0 { sockets.append(fd) }
        }
        #expect(sockets.count > 2900, "only \(sockets.count) connections opened")
        usleep(1_000_000)
        let threads = try #require(Self.status(pid, "Threads"))
        let rss = try #require(Self.status(pid, "VmRSS"))
        // 16 connections from one address wait for their handshake; the rest were closed.
        #expect(threads <= threadsBefore + 16 + 2, "threads: \(threadsBefore) before, \(threads) under the flood")
        #expect(rss - rssBefore < 40_000, "RSS: \(rssBefore) kB before, \(rss) kB under the flood")

        // The director (127.0.0.1) is not shut out by the flood from 127.0.0.2.
        let r = try cluster.deploy()
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(cluster.root("node1").read("/etc/squid3/squid.conf") == Fixture.squidConf)
    }
}
