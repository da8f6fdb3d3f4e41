import Foundation
import Testing

/// The whole director story through the real CLI on a temporary root, checked on disk and
/// with the real git CLI.
@Suite(.serialized) struct RepositoryStoryTests {
    func seededRoot() throws -> TempRoot {
        let root = try TempRoot()
        let seed = try String(contentsOfFile: CLI.seedClusterFile, encoding: .utf8)
        try root.write("/etc/csync2.cfg", seed)
        try root.write("/etc/squid3/squid.conf", Fixture.squidConf)
        try root.write("/etc/ldirectord.cf", Fixture.ldirectordCf)
        return root
    }

    func initialize(_ root: TempRoot) throws -> String {
        let repo = root.path + "/var/lib/confsync/repo.git"
        let result = try CLI.run(["init", "--root", root.path, "--cluster-file", "/etc/csync2.cfg", "--host", "lvs-director1"])
        #expect(result.status == 0, "\(result.stderr)")
        return repo
    }

    func gitLog(_ repo: String) throws -> [String] {
        try CLI.runProgram("/usr/bin/git", ["-C", repo, "log", "--format=%H"]).stdout
            .split(separator: "\n").map(String.init)
    }

    @Test func wholeStory() throws {
        let root = try seededRoot()
        defer { root.remove() }
        let repo = try initialize(root)
        let common = ["--root", root.path]
        #expect(FileManager.default.isExecutableFile(atPath: repo + "/hooks/pre-receive"))

        // First commit: the three managed files (and the attributes).
        var r = try CLI.run(["commit", "-m", "initial import", "--author", "Ada Admin <ada@example.org>"] + common)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("A /etc/squid3/squid.conf"))
        #expect(r.stdout.contains("A /etc/ldirectord.cf"))
        #expect(r.stdout.contains("A /etc/csync2.cfg"))
        #expect(r.stderr.contains("note:"), "backup-directory is reported once as a note")

        // Nothing changed: no commit, exit 3.
        r = try CLI.run(["commit", "-m", "again"] + common)
        #expect(r.status == 3)
        #expect(try gitLog(repo).count == 1)

        // Edit content and mode; status and diff show it.
        try root.write("/etc/squid3/squid.conf", Fixture.squidConf.replacingOccurrences(of: "256 MB", with: "512 MB"), mode: 0o640)
        r = try CLI.run(["status"] + common)
        #expect(r.stdout.contains("M /etc/squid3/squid.conf"))
        r = try CLI.run(["diff"] + common)
        #expect(r.stdout.contains("-cache_mem 256 MB"))
        #expect(r.stdout.contains("+cache_mem 512 MB"))
        #expect(r.stdout.contains("0644 root:root -> 0640 root:root"))
        r = try CLI.run(["commit", "-m", "squid: more memory", "--author", "Bob Ops <bob@example.org>"] + common)
        #expect(r.status == 0, "\(r.stderr)")

        // A third commit touching only ldirectord.cf.
        try root.write("/etc/ldirectord.cf", Fixture.ldirectordCf.replacingOccurrences(of: "checkinterval=1", with: "checkinterval=5"))
        r = try CLI.run(["commit", "-m", "ldirectord: check less often"] + common)
        #expect(r.status == 0, "\(r.stderr)")

        // History: our ids are git's ids.
        let ids = try gitLog(repo)
        try #require(ids.count == 3)
        r = try CLI.run(["log", "--oneline"] + common)
        #expect(r.stdout.split(separator: "\n").map { String($0.prefix(7)) } == ids.map { String($0.prefix(7)) })
        r = try CLI.run(["log", "/etc/squid3/squid.conf", "--oneline"] + common)
        #expect(r.stdout.split(separator: "\n").count == 2)
        r = try CLI.run(["show", "HEAD~1"] + common)
        #expect(r.stdout.contains("squid: more memory"))
        #expect(r.stdout.contains("+cache_mem 512 MB"))
        r = try CLI.run(["diff", "HEAD~2", "HEAD"] + common)
        #expect(r.stdout.contains("+checkinterval=5"))

        // Blame names who changed which line.
        r = try CLI.run(["blame", "/etc/squid3/squid.conf"] + common)
        let blame = r.stdout.split(separator: "\n")
        #expect(blame.first { $0.contains("cache_mem 512 MB") }?.contains("Bob Ops") == true)
        #expect(blame.first { $0.contains("http_port 3128") }?.contains("Ada Admin") == true)

        // Revert the squid change (not the last commit): a new commit, ldirectord change kept.
        r = try CLI.run(["revert", "HEAD~1"] + common)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try gitLog(repo).count == 4)
        r = try CLI.run(["show", "HEAD"] + common)
        #expect(r.stdout.contains("-cache_mem 512 MB"))
        #expect(r.stdout.contains("0640 root:root -> 0644 root:root"))
        // Revert writes no live file without --apply.
        #expect(root.read("/etc/squid3/squid.conf")?.contains("512 MB") == true)
        // Reverting it a second time changes nothing.
        r = try CLI.run(["revert", ids[1]] + common)
        #expect(r.status == 3, "\(r.stdout)\(r.stderr)")
        // Reverting the first import conflicts: ldirectord.cf changed since.
        r = try CLI.run(["revert", ids[2]] + common)
        #expect(r.status == 4, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains("changed again since: /etc/ldirectord.cf"))

        // The live squid.conf is still as before the revert: committing it would undo the
        // revert, so commit refuses until the live files are brought to main.
        r = try CLI.run(["commit", "-m", "would undo the revert"] + common)
        #expect(r.status == 4, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains("/etc/squid3/squid.conf"))
        r = try CLI.run(["rollback", "HEAD", "--apply"] + common)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(root.read("/etc/squid3/squid.conf") == Fixture.squidConf)

        // Roll back to the first commit and write the files back, with owner and mode.
        try FileManager.default.setAttributes([.ownerAccountName: "nobody"], ofItemAtPath: root.path + "/etc/ldirectord.cf")
        r = try CLI.run(["commit", "-m", "ldirectord owned by nobody"] + common)
        #expect(r.status == 0, "\(r.stderr)")
        r = try CLI.run(["rollback", ids[2], "--apply", "--force"] + common)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(root.read("/etc/squid3/squid.conf") == Fixture.squidConf)
        #expect(root.read("/etc/ldirectord.cf") == Fixture.ldirectordCf)
        let squidAttributes = try root.attributes("/etc/squid3/squid.conf")
        #expect(squidAttributes.mode == 0o644)
        #expect(try root.attributes("/etc/ldirectord.cf").owner == "root")
        r = try CLI.run(["status"] + common)
        #expect(r.stdout.contains("Live files match the last commit."), "\(r.stdout)")
        #expect(try gitLog(repo).count == 6)

        // The real git CLI agrees the repository is sound and the tree holds our files.
        #expect(try CLI.runProgram("/usr/bin/git", ["-C", repo, "fsck", "--strict"]).status == 0)
        let tree = try CLI.runProgram("/usr/bin/git", ["-C", repo, "ls-tree", "-r", "--name-only", "HEAD"]).stdout
        #expect(tree.split(separator: "\n").sorted() == [
            ".confsync/attributes", "etc/csync2.cfg", "etc/ldirectord.cf", "etc/squid3/squid.conf",
        ])
    }

    @Test func invalidConfigurationIsNotCommitted() throws {
        let root = try seededRoot()
        defer { root.remove() }
        let repo = try initialize(root)
        let common = ["--root", root.path]
        #expect(try CLI.run(["commit", "-m", "ok"] + common).status == 0)

        // A broken squid.conf: every error printed, exit 2, no commit.
        try root.write("/etc/squid3/squid.conf", Fixture.squidConf + "http_acces allow all\ncache_mem 12 parsecs\n")
        var r = try CLI.run(["commit", "-m", "broken"] + common)
        #expect(r.status == 2)
        #expect(r.stderr.contains(root.path + "/etc/squid3/squid.conf:12:1: error:"), "\(r.stderr)")
        #expect(r.stderr.contains("squid.conf:13:"), "\(r.stderr)")
        #expect(try gitLog(repo).count == 1)

        // A broken cluster file: errors with positions, nothing written.
        try root.write("/etc/squid3/squid.conf", Fixture.squidConf)
        try root.write("/etc/csync2.cfg", "group g {\n  host lvs-director1;\n  include /etc/squid3/squid.conf\n}\nbogus;\n")
        r = try CLI.run(["commit", "-m", "broken cluster"] + common)
        #expect(r.status == 2)
        #expect(r.stderr.contains(root.path + "/etc/csync2.cfg:"), "\(r.stderr)")
        #expect(try gitLog(repo).count == 1)
    }

    @Test func badInputGetsClearErrors() throws {
        let root = try seededRoot()
        defer { root.remove() }
        let repo = try initialize(root)
        let common = ["--root", root.path]

        // A revision that does not exist.
        #expect(try CLI.run(["commit", "-m", "ok"] + common).status == 0)
        var r = try CLI.run(["show", "nosuchrev"] + common)
        #expect(r.status == 1)
        #expect(r.stderr.contains("unknown revision 'nosuchrev'"))

        // A root that does not exist.
        r = try CLI.run(["status", "--root", root.path + "/nope", "--repo", repo])
        #expect(r.status == 1)
        #expect(r.stderr.contains("does not exist"))

        // A repository that is not a confsync repository (a plain git repository).
        let plain = root.path + "/plain.git"
        _ = try CLI.runProgram("/usr/bin/git", ["init", "--bare", "-q", plain])
        r = try CLI.run(["log", "--repo", plain] + common)
        #expect(r.status == 1)
        #expect(r.stderr.contains("not a confsync repository"))

        // init twice refuses and leaves the repository alone.
        r = try CLI.run(["init", "--root", root.path, "--cluster-file", "/etc/csync2.cfg", "--host", "lvs-director1"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("already a confsync repository"))
        #expect(try gitLog(repo).count == 1)

        // A host that is in no group.
        let other = try seededRoot()
        defer { other.remove() }
        r = try CLI.run(["init", "--root", other.path, "--cluster-file", "/etc/csync2.cfg", "--host", "stranger"])
        #expect(r.status == 0)
        r = try CLI.run(["commit", "-m", "x", "--root", other.path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("host 'stranger' is in no group"))
    }
}
