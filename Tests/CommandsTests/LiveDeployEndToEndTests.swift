import Foundation
import Service
import Testing

/// A deploy's progress on the command line with real agents: into a pipe the result lines as
/// ever; with --verbose each node's phases in order before its result; the live block for a
/// caller whose standard output is a terminal (`CONFSYNC_LIVE=always` stands in for one),
/// also through the director service, which renders for the caller's terminal, not its own.
@Suite(.serialized) struct LiveDeployEndToEndTests {
    typealias Serve = ServiceTests.Serve

    static let phases = ["connecting", "planning", "sending"]

    /// The lines of `stdout` about `node`, each as its phase or result status.
    static func kinds(_ stdout: String, _ node: String) -> [String] {
        stdout.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("  \(node): ") else { return nil }
            let rest = line.dropFirst("  \(node): ".count)
            return String(rest.prefix { $0 != "," && $0 != " " })
        }
    }

    /// `deploy` (or `sync`) as a caller whose standard output is a terminal.
    static func onATerminal(_ cluster: TestCluster, _ arguments: [String]) throws -> CLI.Result {
        try CLI.run(arguments + ["--root", cluster.director.path], environment: ["CONFSYNC_LIVE": "always"])
    }

    @Test func intoAPipeTheResultLinesAsBeforeAndWithVerboseEachPhaseFirst() throws {
        let cluster = try TestCluster(nodes: ["node1", "node2"])
        defer { cluster.shutdown() }
        #expect(try cluster.commit("first").status == 0)

        // Without a terminal, what the deploy printed before: "Deploying", a result line per
        // node, the table; nothing redrawn, no phase.
        let plain = try cluster.deploy()
        #expect(plain.status == 0, "\(plain.stdout)\(plain.stderr)")
        #expect(!plain.stdout.contains("\u{1B}"), "\(plain.stdout)")
        let lines = plain.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count == 9, "\(plain.stdout)")
        #expect(lines.first?.hasPrefix("Deploying ") == true && lines.first?.hasSuffix(" \"first\"") == true)
        #expect(Set(lines[1...2].map { $0.prefix(17) }) == ["  node1: deployed", "  node2: deployed"], "\(plain.stdout)")
        #expect(lines[3] == "" && lines[4].hasPrefix("NODE") && lines[7].hasPrefix("2/2 node(s) at ") && lines[8] == "")
        for node in ["node1", "node2"] { #expect(Self.kinds(plain.stdout, node) == ["deployed"]) }

        try cluster.director.write("/etc/squid3/squid.conf", Fixture.squidConf + "# second\n")
        #expect(try cluster.commit("second").status == 0)
        let verbose = try cluster.deploy(["--verbose"])
        #expect(verbose.status == 0, "\(verbose.stdout)\(verbose.stderr)")
        #expect(!verbose.stdout.contains("\u{1B}"), "\(verbose.stdout)")
        for node in ["node1", "node2"] {
            #expect(Self.kinds(verbose.stdout, node) == Self.phases + ["deployed"], "\(node): \(verbose.stdout)")
        }
        // Up to date: nothing to send.
        let again = try cluster.confsync(["sync", "-m", "nothing", "--verbose"])
        for node in ["node1", "node2"] {
            #expect(Self.kinds(again.stdout, node) == ["connecting", "planning", "up-to-date"], "\(node): \(again.stdout)")
        }
    }

    @Test func theCallersTerminalTravelsToTheServiceWhichDrawsTheLiveBlockForIt() throws {
        let cluster = try TestCluster(nodes: ["node1", "node2"])
        defer { cluster.shutdown() }
        #expect(try cluster.commit("first").status == 0)
        #expect(try cluster.deploy().status == 0)

        // In this process: the live block, and a pipe's lines once it is gone.
        let here = try Self.onATerminal(cluster, ["deploy", "--no-service"])
        #expect(here.status == 0, "\(here.stdout)\(here.stderr)")
        #expect(here.stdout.contains("\u{1B}[1A\u{1B}[J"), "\(here.stdout)")
        #expect(here.stdout.contains("  node1: connecting\n") && here.stdout.contains("  node2: planning\n"), "\(here.stdout)")

        let serve = try Serve(cluster, alone: true)
        defer { serve.stop() }
        let there = try Self.onATerminal(cluster, ["deploy"])
        #expect(there.status == 0, "\(there.stdout)\(there.stderr)")
        #expect(there.stdout.contains("\u{1B}[1A\u{1B}[J"), "through the service: \(there.stdout)")
        #expect(there.stdout.contains("  node1: connecting\n") && there.stdout.contains("  node2: planning\n"), "\(there.stdout)")
        let plain = try cluster.deploy()
        #expect(plain.status == 0 && !plain.stdout.contains("\u{1B}") && !plain.stdout.contains("connecting"), "\(plain.stdout)")

        // A client older than the field sends none: today's output.
        let connection = try #require(ServiceClient.connectIfRunning(serve.socket))
        var old = ""
        let last = try connection.run(ServiceRequest(op: .run, arguments: ["deploy"])) { old += $0.out ?? "" }
        #expect(last.exit == 0, "\(old)")
        #expect(old.hasPrefix("Deploying ") && !old.contains("\u{1B}") && !old.contains("connecting"), "\(old)")
        #expect(Self.kinds(old, "node1") == ["up-to-date"], "\(old)")
        #expect(InProcessServiceTests.serveOut(cluster).isEmpty, "printed to the service's own output")
    }
}
