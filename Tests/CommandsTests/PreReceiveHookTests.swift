import Foundation
import Testing

/// A `git push` into the director's repository goes through the same validation as a commit.
@Suite struct PreReceiveHookTests {
    @Test func invalidPushIsRejectedAndValidPushAccepted() throws {
        let root = try TempRoot()
        defer { root.remove() }
        try root.write("/etc/csync2.cfg", try String(contentsOfFile: CLI.seedClusterFile, encoding: .utf8))
        try root.write("/etc/squid3/squid.conf", Fixture.squidConf)
        try root.write("/etc/ldirectord.cf", Fixture.ldirectordCf)
        let repo = root.path + "/var/lib/confsync/repo.git"
        #expect(try CLI.run(["init", "--root", root.path, "--cluster-file", "/etc/csync2.cfg", "--host", "lvs-director1"]).status == 0)
        #expect(try CLI.run(["commit", "-m", "initial", "--root", root.path]).status == 0)
        let before = try git(["-C", repo, "rev-parse", "main"]).stdout

        let work = root.path + "/work"
        #expect(try git(["clone", "-q", repo, work]).status == 0)
        try Data((Fixture.squidConf + "http_access allow nosuchacl\n").utf8)
            .write(to: URL(fileURLWithPath: work + "/etc/squid3/squid.conf"))
        #expect(try git(["-C", work, "commit", "-qam", "broken squid.conf"]).status == 0)
        let rejected = try git(["-C", work, "push", "origin", "HEAD:main"])
        #expect(rejected.status != 0)
        #expect(rejected.stderr.contains("squid.conf:12:"), "\(rejected.stderr)")
        #expect(rejected.stderr.contains("nosuchacl"), "\(rejected.stderr)")
        #expect(try git(["-C", repo, "rev-parse", "main"]).stdout == before)

        // Fix it in a second commit: the push of both is still refused (the first is invalid) ...
        try Data(Fixture.squidConf.replacingOccurrences(of: "256 MB", with: "128 MB").utf8)
            .write(to: URL(fileURLWithPath: work + "/etc/squid3/squid.conf"))
        #expect(try git(["-C", work, "commit", "-qam", "fixed"]).status == 0)
        #expect(try git(["-C", work, "push", "origin", "HEAD:main"]).status != 0)
        // ... and a history without the invalid commit goes through.
        #expect(try git(["-C", work, "reset", "-q", "--hard", "origin/main"]).status == 0)
        try Data(Fixture.squidConf.replacingOccurrences(of: "256 MB", with: "128 MB").utf8)
            .write(to: URL(fileURLWithPath: work + "/etc/squid3/squid.conf"))
        #expect(try git(["-C", work, "commit", "-qam", "squid: less memory"]).status == 0)
        let accepted = try git(["-C", work, "push", "origin", "HEAD:main"])
        #expect(accepted.status == 0, "\(accepted.stderr)")
        #expect(try git(["-C", repo, "rev-parse", "main"]).stdout != before)
        #expect(try git(["-C", repo, "fsck", "--strict"]).status == 0)
    }

    func git(_ arguments: [String]) throws -> CLI.Result {
        try CLI.runProgram(
            "/usr/bin/git", arguments,
            environment: ["GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@x", "GIT_COMMITTER_NAME": "t",
                          "GIT_COMMITTER_EMAIL": "t@x"])
    }
}
