import Foundation
import Testing

/// What squid accepts while doing less than written is refused by default, says so and names
/// the way out; `--allow-weakened` or the cluster file's `allow-weakened` lets it through as a
/// warning. A file the config names is found in the same commit first.
@Suite(.serialized) struct WeakeningTests {
    static let weakenedSquid = Fixture.squidConf.replacingOccurrences(
        of: "http_access allow localnet", with: "http_access permit localnet")

    func seededRoot(clusterSuffix: String = "") throws -> TempRoot {
        let root = try TempRoot()
        let seed = try String(contentsOfFile: CLI.seedClusterFile, encoding: .utf8)
            .replacingOccurrences(of: "include /etc/squid3/squid.conf;", with: "include /etc/squid3;")
        try root.write("/etc/csync2.cfg", seed + clusterSuffix)
        try root.write("/etc/squid3/squid.conf", Self.weakenedSquid)
        try root.write("/etc/ldirectord.cf", Fixture.ldirectordCf)
        let r = try CLI.run(["init", "--root", root.path, "--cluster-file", "/etc/csync2.cfg", "--host", "lvs-director1"])
        #expect(r.status == 0, "\(r.stderr)")
        return root
    }

    @Test func aWeakeningIsRefusedByDefaultAndAllowedByTheFlag() throws {
        let root = try seededRoot()
        defer { root.remove() }
        let common = ["--root", root.path]
        let conf = root.path + "/etc/squid3/squid.conf"
        for command in [["validate"], ["commit", "-m", "permit"]] {
            let r = try CLI.run(command + common)
            #expect(r.status == 2, "\(command): \(r.stdout)\(r.stderr)")
            #expect(r.stderr.contains("\(conf):8:13: error: "), "\(r.stderr)")
            #expect(r.stderr.contains("a weakening (the program accepts it but does less than written); to commit it anyway, pass --allow-weakened"),
                    "\(r.stderr)")
        }
        let r = try CLI.run(["commit", "-m", "permit", "--allow-weakened"] + common)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains("\(conf):8:13: warning: ") && r.stderr.contains("(a weakening, allowed for this file)"), "\(r.stderr)")
    }

    @Test func theClusterFileAllowsItForGoodPerFile() throws {
        let root = try seededRoot(clusterSuffix: "\nconfsync\n{\n\tallow-weakened /etc/squid3/squid.conf;\n}\n")
        defer { root.remove() }
        let r = try CLI.run(["commit", "-m", "permit, allowed in the cluster file", "--root", root.path])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains("warning: ") && r.stderr.contains("(a weakening, allowed for this file)"), "\(r.stderr)")
    }

    @Test func anACLFileIsFoundInTheCommitOrNamedAsAWeakeningWithTheWayToManageIt() throws {
        let root = try seededRoot()
        defer { root.remove() }
        let common = ["--root", root.path]
        let acl = "acl blocked dstdomain \"/etc/squid3/blocked_sites.txt\"\nhttp_access deny blocked\n"
        try root.write("/etc/squid3/squid.conf", acl + Fixture.squidConf)
        var r = try CLI.run(["validate"] + common)
        #expect(r.status == 2, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains("cannot open ACL file '/etc/squid3/blocked_sites.txt'"), "\(r.stderr)")
        #expect(r.stderr.contains("('include /etc/squid3/blocked_sites.txt;' in the cluster file's group)"), "\(r.stderr)")

        // Managed beside squid.conf (in the same commit): found, valid.
        try root.write("/etc/squid3/blocked_sites.txt", ".ads.example\n")
        r = try CLI.run(["commit", "-m", "block ads"] + common)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("A /etc/squid3/blocked_sites.txt"), "\(r.stdout)")
    }
}
