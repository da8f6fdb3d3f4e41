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

        // The audit has the refused commit, once though it was pushed twice.
        let audit = try CLI.run(["audit", "--json", "--no-service", "--root", root.path])
        let refused = audit.stdout.split(separator: "\n").filter { $0.contains(#""type":"refused""#) }
        #expect(refused.count == 1, "\(audit.stdout)")
        #expect(refused.first?.contains(#""author":"t""#) == true && refused.first?.contains("broken squid.conf") == true)
    }

    func git(_ arguments: [String]) throws -> CLI.Result {
        try CLI.runProgram(
            "/usr/bin/git", arguments,
            environment: ["GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@x", "GIT_COMMITTER_NAME": "t",
                          "GIT_COMMITTER_EMAIL": "t@x"])
    }

    /// A push (like replication from a peer director) moves main without touching the live
    /// files here: committing those stale files would undo it, so commit refuses, and
    /// `rollback HEAD --apply` brings the live files to main.
    @Test func staleLiveFilesDoNotUndoAPushedCommit() throws {
        let root = try TempRoot()
        defer { root.remove() }
        try root.write("/etc/csync2.cfg", try String(contentsOfFile: CLI.seedClusterFile, encoding: .utf8))
        try root.write("/etc/squid3/squid.conf", Fixture.squidConf)
        try root.write("/etc/ldirectord.cf", Fixture.ldirectordCf)
        let repo = root.path + "/var/lib/confsync/repo.git"
        let common = ["--root", root.path]
        #expect(try CLI.run(["init", "--cluster-file", "/etc/csync2.cfg", "--host", "lvs-director1"] + common).status == 0)
        #expect(try CLI.run(["commit", "-m", "initial"] + common).status == 0)
        let work = root.path + "/work"
        #expect(try git(["clone", "-q", repo, work]).status == 0)
        let pushed = Fixture.squidConf.replacingOccurrences(of: "256 MB", with: "128 MB")
        try Data(pushed.utf8).write(to: URL(fileURLWithPath: work + "/etc/squid3/squid.conf"))
        #expect(try git(["-C", work, "commit", "-qam", "squid: less memory (pushed)"]).status == 0)
        #expect(try git(["-C", work, "push", "-q", "origin", "HEAD:main"]).status == 0)

        // An unrelated live edit here; squid.conf is merely stale.
        try root.write("/etc/ldirectord.cf", Fixture.ldirectordCf.replacingOccurrences(of: "checkinterval=1", with: "checkinterval=2"))
        var r = try CLI.run(["commit", "-m", "ldirectord tweak"] + common)
        #expect(r.status == 4, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains("/etc/squid3/squid.conf"))
        #expect(try git(["-C", repo, "log", "--format=%s", "-1"]).stdout == "squid: less memory (pushed)\n")

        // Bring the live files to main (the ldirectord edit is an edit: --apply refuses without --force).
        r = try CLI.run(["rollback", "HEAD", "--apply"] + common)
        #expect(r.status == 4, "\(r.stdout)\(r.stderr)")
        try root.write("/etc/ldirectord.cf", Fixture.ldirectordCf)
        r = try CLI.run(["rollback", "HEAD", "--apply"] + common)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(root.read("/etc/squid3/squid.conf") == pushed)
        try root.write("/etc/ldirectord.cf", Fixture.ldirectordCf.replacingOccurrences(of: "checkinterval=1", with: "checkinterval=2"))
        r = try CLI.run(["commit", "-m", "ldirectord tweak"] + common)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        r = try CLI.run(["show"] + common)
        #expect(!r.stdout.contains("256 MB"), "the pushed change is kept")
    }
}
