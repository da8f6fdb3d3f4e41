import Foundation
import Testing

/// What `commit` refuses before anything is committed, so that no deploy later fails on it:
/// a file too large to deploy, and a cluster-file path a node would refuse.
@Suite(.serialized) struct CommitRefusalTests {
    /// The seed cluster, managing all of /etc/squid3 (not only squid.conf).
    func seededRoot(editing edit: (String) -> String = { $0 }) throws -> TempRoot {
        let root = try TempRoot()
        let seed = try String(contentsOfFile: CLI.seedClusterFile, encoding: .utf8)
            .replacingOccurrences(of: "include /etc/squid3/squid.conf;", with: "include /etc/squid3;")
        try root.write("/etc/csync2.cfg", edit(seed))
        try root.write("/etc/squid3/squid.conf", Fixture.squidConf)
        try root.write("/etc/ldirectord.cf", Fixture.ldirectordCf)
        let r = try CLI.run(["init", "--root", root.path, "--cluster-file", "/etc/csync2.cfg", "--host", "lvs-director1"])
        #expect(r.status == 0, "\(r.stderr)")
        return root
    }

    func commitCount(_ root: TempRoot) throws -> Int {
        let r = try CLI.runProgram("/usr/bin/git", ["-C", root.path + "/var/lib/confsync/repo.git", "rev-list", "--count", "--all"])
        return Int(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    @Test func aFileTooLargeToDeployIsRefusedByNameAndNothingIsCommitted() throws {
        let root = try seededRoot()
        defer { root.remove() }
        let common = ["--root", root.path]
        var r = try CLI.run(["commit", "-m", "initial"] + common)
        #expect(r.status == 0, "\(r.stderr)")

        // 200 MiB, sparse: the scanner must refuse it by its size, without reading it.
        let big = root.path + "/etc/squid3/cache.db"
        #expect(FileManager.default.createFile(atPath: big, contents: nil))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: big))
        try handle.truncate(atOffset: 200 << 20)
        try handle.close()
        try root.write("/etc/squid3/squid.conf", Fixture.squidConf.replacingOccurrences(of: "256 MB", with: "512 MB"))

        r = try CLI.run(["commit", "-m", "with a big file"] + common)
        #expect(r.status == 2, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains(
            "\(big): error: file is 200 MiB; confsync deploys files up to 60 MiB (62914560 bytes); keep it out of the managed files with an 'exclude' line"),
            "\(r.stderr)")
        #expect(try commitCount(root) == 1)
        r = try CLI.run(["validate"] + common)
        #expect(r.status == 2 && r.stderr.contains("\(big): error: file is 200 MiB"), "\(r.stdout)\(r.stderr)")

        // The way out the message names: exclude it; the other change then commits.
        let cluster = try #require(root.read("/etc/csync2.cfg"))
        try root.write("/etc/csync2.cfg", cluster.replacingOccurrences(
            of: "include /etc/squid3;", with: "include /etc/squid3;\n\texclude /etc/squid3/cache.db;"))
        r = try CLI.run(["commit", "-m", "more memory"] + common)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("M /etc/squid3/squid.conf") && !r.stdout.contains("cache.db"), "\(r.stdout)")
    }

    @Test func aClusterFilePathWithDotDotIsRefusedWhereItIsWritten() throws {
        let root = try seededRoot {
            $0.replacingOccurrences(of: "include /etc/csync2.cfg;", with: "include /etc/csync2.cfg /etc/squid3/../passwd;")
        }
        defer { root.remove() }
        try root.write("/etc/passwd", "root:x:0:0:root:/root:/bin/bash\n")
        let common = ["--root", root.path]
        let cluster = try #require(root.read("/etc/csync2.cfg"))
        let line = try #require(cluster.split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.contains("/etc/squid3/../passwd") }) + 1
        for command in [["validate"], ["commit", "-m", "dot dot"]] {
            let r = try CLI.run(command + common)
            #expect(r.status == 2, "\(command): \(r.stdout)\(r.stderr)")
            #expect((r.stdout + r.stderr).contains(
                "\(root.path)/etc/csync2.cfg:\(line):"), "\(command): \(r.stdout)\(r.stderr)")
            #expect((r.stdout + r.stderr).contains(
                "error: pattern '/etc/squid3/../passwd' has a '..' component: nodes refuse such paths; write it as '/etc/passwd'"),
                "\(command): \(r.stdout)\(r.stderr)")
        }
        #expect(try commitCount(root) == 0)
    }
}
