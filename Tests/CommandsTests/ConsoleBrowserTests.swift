import Foundation
import Testing

/// The web console in a real browser: headless Chromium (Debian's chromium and
/// chromium-driver, with python3-selenium) against a running service and three agents.
/// The story is Tests/Browser/console_story.py; its screenshots go to
/// `CONFSYNC_SCREENSHOTS` when set (docs/screenshots/ was made that way), else to a temp
/// directory.
@Suite(.serialized, .enabled(if: getuid() == 0, "needs root to make accounts"))
struct ConsoleBrowserTests {
    @Test func editWithATypoFixCommitDeployRevertAndOverwriteDriftInABrowser() throws {
        // A reload that takes a second, so that the deploy page is there while the nodes work
        // and follows them (its event stream) rather than finding the deploy over.
        let slowReload = TestCluster.defaultGroupBody.replacingOccurrences(of: "exec \"echo", with: "exec \"sleep 1; echo")
        #expect(slowReload != TestCluster.defaultGroupBody)
        let console = try ConsoleFixture(nodes: ["node1", "node2", "node3"], groupBody: slowReload)
        defer { console.stop() }
        #expect(try console.cluster.commit("first").status == 0)
        #expect(try console.cluster.deploy().status == 0)
        try console.start()
        let shots = ProcessInfo.processInfo.environment["CONFSYNC_SCREENSHOTS"] ?? console.cluster.base.path + "/screenshots"
        try FileManager.default.createDirectory(atPath: shots, withIntermediateDirectories: true)
        let story = CLI.packageRoot + "/Tests/Browser/console_story.py"
        let r = try CLI.runProgram(
            "/usr/bin/python3", [
                story, "http://localhost:\(console.port)", console.admin, console.password, shots, "node2",
                console.cluster.root("node2").path,
            ])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)\n\(console.log)")
        #expect(r.stdout.contains("every step passed"), "\(r.stdout)")
        #expect(console.cluster.root("node3").read("/etc/squid3/squid.conf") == Fixture.squidConf, "the revert reached the nodes")
        #expect(console.cluster.root("node2").read("/etc/squid3/squid.conf") == Fixture.squidConf, "the drift was overwritten")
    }
}
