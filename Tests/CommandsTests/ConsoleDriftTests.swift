import Foundation
import Testing

/// The console's drift pages over HTTP, with a real service, real agents and real accounts:
/// a node's hand edit shown as a diff, adopted as the logged-in user's commit (and the node
/// recorded at it), another node's
/// drift overwritten by a forced deploy (after a confirmation) that the audit records; the
/// reader and a form without its token are refused both.
@Suite(.serialized, .enabled(if: getuid() == 0, "needs root to make accounts"))
struct ConsoleDriftTests {
    static let squid = "/etc/squid3/squid.conf"

    @Test func driftIsShownAdoptedAndOverwritten() throws {
        let console = try ConsoleFixture()
        defer { console.stop() }
        let cluster = console.cluster
        #expect(try cluster.commit("first").status == 0)
        #expect(try cluster.deploy().status == 0)
        try console.start()
        let (cookie, csrf) = try console.login(console.admin)

        var page = try console.http.get("/drift", cookie: cookie)
        #expect(page.status == 200 && page.body.contains("0 of 2 node(s) drifted"), "\(page.body)")
        #expect(page.body.components(separatedBy: "no drift.").count == 3)
        #expect(try console.http.get("/", cookie: cookie).body.contains("href=\"/drift\""), "the overview links the drift page")

        // Hand edits: node2's content (with markup in it), node1's content and mode.
        let hand2 = Fixture.squidConf.replacingOccurrences(of: "http_port 3128", with: "http_port 3129")
            + "# <script>alert(1)</script>\n"
        try cluster.root("node2").write(Self.squid, hand2)
        let hand1 = "# hand edit on node1\n"
        try cluster.root("node1").write(Self.squid, hand1)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: cluster.root("node1").path + Self.squid)

        let objects = RepositoryObjects(cluster.director.path + "/var/lib/confsync/repo.git")
        let objectsBefore = try objects.count()
        page = try console.http.get("/drift", cookie: cookie)
        #expect(page.body.contains("2 of 2 node(s) drifted"), "\(page.body)")
        #expect(page.body.contains("data-path=\"\(Self.squid)\" data-kind=\"content\""))
        #expect(page.body.contains("<span class=\"del\">-http_port 3128</span>"), "\(page.body)")
        #expect(page.body.contains("<span class=\"add\">+http_port 3129</span>"))
        #expect(page.body.contains("<span class=\"add\">+# hand edit on node1</span>"))
        #expect(page.body.contains("<code>0644 root:root</code> deployed, <code>0600 root:root</code> live"), "\(page.body)")
        #expect(!page.body.contains("<script>alert(1)") && page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(page.body.contains("action=\"/drift/node2/adopt\"") && page.body.contains("action=\"/drift/node1/overwrite\""))
        page = try console.http.get("/drift/node2", cookie: cookie)
        #expect(page.body.contains("Drift on node2") && !page.body.contains("hand edit on node1"), "\(page.body)")
        let blob = try #require(Self.hiddenValue("blob", in: page.body))
        #expect(try objects.count() == objectsBefore, "looking at the drift pages stores nothing")
        #expect(try !objects.contains(blob), "node2's content is not stored before it is adopted")

        // The reader sees the drift but may change nothing; no form goes without its token.
        let reading = try console.login(console.reader)
        page = try console.http.get("/drift", cookie: reading.cookie)
        #expect(page.status == 200 && page.body.contains("+http_port 3129") && !page.body.contains("/adopt\""))
        let adoptForm = ["path": Self.squid, "blob": blob]
        var refused = try console.http.post("/drift/node2/adopt", adoptForm.merging(["csrf": reading.csrf]) { $1 }, cookie: reading.cookie)
        #expect(refused.status == 403 && refused.body.contains("may read but not change"), "\(refused.status)")
        refused = try console.http.post("/drift/node1/overwrite", ["confirm": "1", "csrf": reading.csrf], cookie: reading.cookie)
        #expect(refused.status == 403, "\(refused.status)")
        refused = try console.http.post("/drift/node2/adopt", adoptForm, cookie: cookie)
        #expect(refused.status == 403, "no CSRF token: \(refused.status)")
        refused = try console.http.post("/drift/node1/overwrite", ["confirm": "1", "csrf": "0"], cookie: cookie)
        #expect(refused.status == 403, "a wrong CSRF token: \(refused.status)")
        #expect(cluster.root("node1").read(Self.squid) == hand1 && cluster.director.read(Self.squid) == Fixture.squidConf)

        // Overwrite node1 (at the last commit already): first a confirmation, then the forced deploy.
        page = try console.http.post("/drift/node1/overwrite", ["csrf": csrf], cookie: cookie)
        #expect(page.status == 200 && page.body.contains("id=\"confirm-overwrite\""), "\(page.body)")
        #expect(page.body.contains("<li><code>\(Self.squid)</code>"))
        #expect(cluster.root("node1").read(Self.squid) == hand1, "nothing is written before the confirmation")
        page = try console.http.post("/drift/node1/overwrite", ["confirm": "1", "csrf": csrf], cookie: cookie)
        #expect(page.body.contains("1/1 node(s) at the commit") && page.body.contains("data-node=\"node1\""), "\(page.body)")
        #expect(cluster.root("node1").read(Self.squid) == Fixture.squidConf)
        let mode = try FileManager.default.attributesOfItem(atPath: cluster.root("node1").path + Self.squid)[.posixPermissions]
        #expect((mode as? NSNumber)?.intValue == 0o644)
        #expect(cluster.root("node2").read(Self.squid) == hand2, "only node1 was deployed to")
        let audit = try cluster.confsync(["audit", "--node", "node1", "--json", "--no-service"])
        let last = try #require(audit.stdout.split(separator: "\n").last)
        let record = try #require(try JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any])
        #expect(record["user"] as? String == console.admin && record["status"] as? String == "deployed", "\(record)")
        #expect(record["driftSaved"] is String, "recorded as a forced deploy over drift: \(record)")
        let repo = cluster.director.path + "/var/lib/confsync/repo.git"
        let kept = try CLI.runProgram("/usr/bin/git", ["-C", repo, "show", "refs/confsync/drift/node1:etc/squid3/squid.conf"])
        #expect(kept.stdout == hand1, "the overwritten content is kept: \(kept.stderr)")
        page = try console.http.get("/audit?node=node1", cookie: cookie)
        #expect(page.body.contains("forced over drift") && page.body.contains(console.admin), "\(page.body)")
        page = try console.http.get("/drift/node1", cookie: cookie)
        #expect(page.body.contains("no drift."), "\(page.body)")

        // Adopt node2's version: a commit by the admin naming node2, in the director's live files.
        page = try console.http.post("/drift/node2/adopt", adoptForm.merging(["csrf": csrf]) { $1 }, cookie: cookie)
        #expect(page.status == 200 && page.body.contains("committed"), "\(page.body)")
        let log = try cluster.confsync(["log", "-n", "1", "--no-service"])
        #expect(log.stdout.contains("Author: \(console.admin) <") && log.stdout.contains("Adopt drifted \(Self.squid) from node2"), "\(log.stdout)")
        #expect(page.body.contains(String(log.stdout.dropFirst("commit ".count).prefix(7))), "the page shows the new commit")
        #expect(cluster.director.read(Self.squid) == hand2)
        #expect(try objects.contains(blob) && objects.show("main:etc/squid3/squid.conf") == hand2, "the adopt stored it")
        #expect(page.body.contains("node2 is recorded at"), "node2 was at the adopt's parent: \(page.body)")
        #expect(cluster.root("node1").read(Self.squid) == Fixture.squidConf, "the other nodes wait for a deploy")
        page = try console.http.get("/drift", cookie: cookie)
        #expect(page.body.contains("0 of 2 node(s) drifted"), "\(page.body)")
        #expect(console.log.contains("\(console.admin) adopted \(Self.squid) from node2"), "\(console.log)")

        // A stale page's adopt is refused: the node's file is not the one that was shown.
        try cluster.root("node2").write(Self.squid, hand2 + "# later\n")
        page = try console.http.post("/drift/node2/adopt", adoptForm.merging(["csrf": csrf]) { $1 }, cookie: cookie)
        #expect(page.status == 422 && page.body.contains("changed on node2 since it was shown"), "\(page.body)")

        // Not a node, a node that does not answer, and no page without a login.
        page = try console.http.get("/drift/nosuch", cookie: cookie)
        #expect(page.status == 422 && page.body.contains("not a node of director"), "\(page.body)")
        cluster.stopAgent("node1")
        page = try console.http.get("/drift", cookie: cookie)
        #expect(page.body.contains("<section class=\"drift-node\" data-node=\"node1\">") && page.body.contains("Unreachable: "), "\(page.body)")
        for path in ["/drift", "/drift/node2"] {
            let anonymous = try console.http.get(path)
            #expect(anonymous.status == 303 && anonymous.header("Location") == ["/login"], "\(path): \(anonymous.status)")
        }
    }

    /// The value of the first hidden input `name` in `page`.
    static func hiddenValue(_ name: String, in page: String) -> String? {
        guard let range = page.range(of: "name=\"\(name)\" value=\"[^\"]*\"", options: .regularExpression) else { return nil }
        return String(page[range].dropFirst("name=\"\(name)\" value=\"".count).dropLast())
    }
}
