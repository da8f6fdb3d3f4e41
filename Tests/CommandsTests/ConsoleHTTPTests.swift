import Foundation
import Testing

/// The web console over HTTP, as a running `confsync serve --web` with real agents and real
/// accounts: nothing without a login, a CSRF token on every change, the groups decide, and
/// everything from a config file escaped.
@Suite(.serialized, .enabled(if: getuid() == 0, "needs root to make accounts"))
struct ConsoleHTTPTests {
    @Test func nothingWithoutALoginAndFailedLoginsAreLimited() throws {
        let console = try ConsoleFixture(nodes: ["node1"])
        defer { console.stop() }
        #expect(try console.cluster.commit("first").status == 0)
        try console.start()
        for path in ["/", "/log", "/files", "/commit/HEAD", "/edit?path=/etc/squid3/squid.conf",
                     "/file?path=/etc/squid3/squid.conf", "/blame?path=/etc/squid3/squid.conf", "/audit", "/audit.json"] {
            let response = try console.http.get(path)
            #expect(response.status == 303 && response.header("Location") == ["/login"], "\(path): \(response.status)")
            #expect(!response.body.contains("http_port"), "no file content without a login")
        }
        #expect(try console.http.post("/commit", ["message": "x", "csrf": "0"]).status == 303)
        for attempt in 1...5 {
            let response = try console.http.post("/login", ["user": console.admin, "password": "wrong \(attempt)"])
            #expect(response.status == 401, "attempt \(attempt): \(response.status)")
        }
        let held = try console.http.post("/login", ["user": console.admin, "password": console.password])
        #expect(held.status == 429, "after 5 failures even the right password waits: \(held.status)")
        #expect(console.log.contains("failed login of '\(console.admin)' from 127.0.0.1"), "\(console.log)")
    }

    @Test func aSessionOutlivesARestartOfTheServiceButNotALogout() throws {
        let console = try ConsoleFixture(nodes: ["node1"])
        defer { console.stop() }
        #expect(try console.cluster.commit("first").status == 0)
        try console.start()
        let (kept, keptCSRF) = try console.login(console.admin)
        let (ended, endedCSRF) = try console.login(console.reader)
        #expect(try console.http.post("/logout", ["csrf": endedCSRF], cookie: ended).status == 303)
        let file = console.cluster.director.path + "/run/confsync/console-sessions.json"
        let stored = try String(contentsOfFile: file, encoding: .utf8)
        let token = try #require(kept.split(separator: "=").last.map(String.init))
        #expect(!stored.contains(token), "the file holds no cookie token")
        #expect(stored.contains(console.admin) && !stored.contains(console.reader), "\(stored)")
        let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
        #expect(mode == 0o600)

        try console.restart()
        let overview = try console.http.get("/", cookie: kept)
        #expect(overview.status == 200 && overview.body.contains(console.admin), "still logged in: \(overview.status)")
        #expect(try ConsoleFixture.csrf(in: overview.body) == keptCSRF, "with the same CSRF token")
        #expect(try console.http.get("/", cookie: ended).status == 303, "a logout stays a logout")
        #expect(try console.http.get("/", cookie: "confsync_session=" + String(repeating: "0", count: 64)).status == 303)
    }

    @Test func theDeployAfterAPreviewIsOfThePreviewedCommitEvenWhenHEADMoved() throws {
        let console = try ConsoleFixture(nodes: ["node1"])
        defer { console.stop() }
        #expect(try console.cluster.commit("first").status == 0)
        #expect(try console.cluster.deploy().status == 0)
        try console.start()
        let (cookie, csrf) = try console.login(console.admin)
        let squid = "/etc/squid3/squid.conf"
        func commit(_ content: String, _ message: String) throws {
            #expect(try console.http.post("/edit", ["path": squid, "content": content, "csrf": csrf], cookie: cookie).status == 200)
            #expect(try console.http.post("/commit", ["message": message, "csrf": csrf], cookie: cookie).body.contains("committed"))
        }
        let previewedContent = Fixture.squidConf + "# previewed\n"
        try commit(previewedContent, "the previewed one")
        let preview = try console.http.post("/deploy", ["dry": "1", "csrf": csrf], cookie: cookie)
        let field = try #require(preview.body.range(of: #"name="commit" value="[0-9a-f]{40}""#, options: .regularExpression))
        let previewed = String(preview.body[field].dropFirst(#"name="commit" value=""#.count).dropLast())
        try commit(Fixture.squidConf + "# committed after the preview\n", "a later one")

        let started = try console.http.post("/deploy", ["csrf": csrf, "commit": previewed], cookie: cookie)
        let deployPage = try #require(started.header("Location").first)
        let events = try console.http.get(deployPage + "/events", cookie: cookie)
        #expect(events.body.contains("Deploy \(previewed.prefix(7)): 1/1 node(s) at the commit"), "\(events.body)")
        #expect(console.cluster.root("node1").read(squid) == previewedContent, "the node has what the preview showed")
    }

    @Test func anAdminEditsCommitsDeploysAndRevertsAndAReaderOnlyReads() throws {
        let console = try ConsoleFixture()
        defer { console.stop() }
        #expect(try console.cluster.commit("first").status == 0)
        #expect(try console.cluster.deploy().status == 0)
        try console.start()

        let (cookie, csrf) = try console.login(console.admin)
        let login = try console.http.post("/login", ["user": console.admin, "password": console.password])
        let setCookie = login.header("Set-Cookie").first ?? ""
        #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict") && setCookie.contains("Max-Age"), "\(setCookie)")
        let overview = try console.http.get("/", cookie: cookie)
        #expect(overview.status == 200 && overview.body.contains("node1") && overview.body.contains("node2"))
        #expect(overview.header("Content-Security-Policy").first?.contains("default-src 'none'") == true)

        // A change without the form's token is refused.
        let squid = "/etc/squid3/squid.conf"
        let forged = try console.http.post("/edit", ["path": squid, "content": "http_port 1\n"], cookie: cookie)
        #expect(forged.status == 403)
        #expect(console.cluster.director.read(squid) == Fixture.squidConf)

        // A typo, with markup in a comment: saved, refused at its line, and escaped.
        let hostile = "# <script>alert(1)</script> \"><img src=x onerror=alert(2)>\n"
        let typo = Fixture.squidConf + hostile + "http_port 3128x\n"
        let typoLine = typo.split(separator: "\n", omittingEmptySubsequences: false).count - 1
        var page = try console.http.post("/edit", ["path": squid, "content": typo, "csrf": csrf], cookie: cookie)
        #expect(page.status == 200)
        #expect(page.body.contains("the configuration is invalid"), "\(page.body)")
        #expect(page.body.contains("data-line=\"\(typoLine)\""), "the error is marked at its line")
        #expect(page.body.contains("3128x"))
        #expect(!page.body.contains("<script>alert(1)") && !page.body.contains("<img src=x"), "nothing from the file is markup")
        #expect(page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(try console.http.post("/commit", ["message": "typo", "csrf": csrf], cookie: cookie).body.contains("refused"))

        // Fixed, committed as the admin, deployed to every node.
        let fixed = Fixture.squidConf + "# from the browser\n"
        page = try console.http.post("/edit", ["path": squid, "content": fixed, "csrf": csrf], cookie: cookie)
        #expect(page.body.contains("The configuration is valid"), "\(page.body)")
        page = try console.http.post("/commit", ["message": "squid: edited in the console", "csrf": csrf], cookie: cookie)
        #expect(page.body.contains("committed"), "\(page.body)")
        let log = try console.cluster.confsync(["log", "-n", "1", "--no-service"])
        #expect(log.stdout.contains("Author: \(console.admin) <"), "\(log.stdout)")
        page = try console.http.post("/deploy", ["dry": "1", "csrf": csrf], cookie: cookie)
        #expect(page.body.contains("Preview of") && page.body.contains("planned"), "\(page.body)")
        // The preview's button deploys the commit it showed (HEAD may move meanwhile).
        let previewed = try #require(
            page.body.range(of: #"name="commit" value="[0-9a-f]{40}""#, options: .regularExpression).map {
                String(page.body[$0].dropFirst(#"name="commit" value=""#.count).dropLast())
            }, "\(page.body)")
        #expect(try console.cluster.confsync(["log", "-n", "1", "--no-service"]).stdout.contains(previewed))
        let badCommit = try console.http.post("/deploy", ["csrf": csrf, "commit": "HEAD~1"], cookie: cookie)
        #expect(badCommit.status == 400, "\(badCommit.status)")
        // The deploy starts, and the browser is sent to its page (a reload does not deploy again).
        page = try console.http.post("/deploy", ["csrf": csrf, "commit": previewed], cookie: cookie)
        let deployPage = try #require(page.header("Location").first, "\(page.status) \(page.body)")
        #expect(page.status == 303 && deployPage.range(of: "^/deploy/[0-9a-f]{64}$", options: .regularExpression) != nil, "\(deployPage)")
        // Its events: each node's row as it is connecting, planning, sent to, and done, then
        // the summary; the stream ends there.
        #expect(try console.http.get(deployPage + "/events").status == 401, "no events without a login")
        let events = try console.http.get(deployPage + "/events", cookie: cookie)
        #expect(events.status == 200 && events.header("Content-Type") == ["text/event-stream"], "\(events.headers)")
        #expect(events.body.components(separatedBy: "event: node\ndata: <tr class=\"outcome\"").count == 3, "\(events.body)")
        #expect(events.body.components(separatedBy: "event: node\ndata: <tr class=\"outcome sending\"").count == 3, "\(events.body)")
        for node in ["node1", "node2"] {
            #expect(Self.nodePhases(events.body, node) == ["connecting", "planning", "sending", "deployed"], "\(events.body)")
        }
        #expect(
            events.body.contains(
                "<tr class=\"outcome connecting\" data-node=\"node1\"><td>node1</td><td class=\"status\">connecting</td>"),
            "\(events.body)")
        #expect(events.body.contains("id: 8\nevent: done\ndata: <p id=\"deploy-summary\">Deploy "), "\(events.body)")
        #expect(events.body.contains("2/2 node(s) at the commit"), "\(events.body)")
        // A watcher that had the first eight events gets only the rest.
        let rest = try console.http.get(deployPage + "/events?from=8", cookie: cookie)
        #expect(!rest.body.contains("event: node") && rest.body.contains("event: done"), "\(rest.body)")
        page = try console.http.get(deployPage, cookie: cookie)
        #expect(page.body.contains("2/2 node(s) at the commit") && page.body.contains("data-state=\"done\""), "\(page.body)")
        #expect(page.body.components(separatedBy: "<tr class=\"outcome\"").count == 3)
        #expect(!page.body.contains("outcome sending"), "each node's last row, its result, is the one shown")
        #expect(!page.body.contains("http-equiv=\"refresh\""), "a finished deploy's page does not reload itself")
        #expect(try console.http.get("/deploy/0123", cookie: cookie).status == 404)
        let script = try console.http.get("/static/live.js")
        #expect(script.status == 200 && script.header("Content-Type").first?.hasPrefix("text/javascript") == true)
        #expect(console.cluster.root("node2").read(squid) == fixed)
        let audit = try console.cluster.confsync(["audit", "--no-service"])
        #expect(audit.stdout.contains(console.admin), "the audit shows who deployed: \(audit.stdout)")
        page = try console.http.get("/audit?node=node2", cookie: cookie)
        #expect(page.body.contains("<td>\(console.admin) from director</td><td>node2</td>"), "\(page.body)")
        #expect(!page.body.contains("<td>node1</td>") && !page.body.contains("class=\"commit\""), "filtered to node2's deploys")
        // Fewer events than a page: no "Older"; the next page is empty, with a way back.
        page = try console.http.get("/audit", cookie: cookie)
        #expect(page.body.contains("class=\"deploy\"") && !page.body.contains("id=\"older\""))
        page = try console.http.get("/audit?page=1", cookie: cookie)
        #expect(page.status == 200 && !page.body.contains("class=\"deploy\"") && page.body.contains(">Newer</a>"), "\(page.body)")
        let exported = try console.http.get("/audit.json", cookie: cookie)
        #expect(exported.header("Content-Type") == ["application/x-ndjson"])
        let lines = exported.body.split(separator: "\n")
        #expect(lines.count >= 4 && lines.allSatisfy { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) != nil })
        #expect(exported.body.contains("\"user\":\"\(console.admin)\""), "\(exported.body)")

        // History, the commit with its diff, and a revert as a new commit.
        page = try console.http.get("/log?author=\(console.admin)", cookie: cookie)
        #expect(page.body.contains("squid: edited in the console") && !page.body.contains(">first<"), "\(page.body)")
        let head = try #require(try console.cluster.confsync(["log", "-n", "1", "--no-service"]).stdout.split(separator: " ").dropFirst().first)
        let commitID = String(head.prefix(40))
        page = try console.http.get("/commit/\(commitID)", cookie: cookie)
        #expect(page.body.contains("<span class=\"add\">+# from the browser</span>"), "\(page.body)")
        page = try console.http.get("/file?path=\(squid)&rev=\(commitID)", cookie: cookie)
        #expect(page.body.contains("# from the browser"), "any file at any commit")
        page = try console.http.get("/file?path=\(squid)&rev=HEAD~1", cookie: cookie)
        #expect(page.status == 200 && !page.body.contains("# from the browser"))
        page = try console.http.get("/blame?path=\(squid)&rev=\(commitID)", cookie: cookie)
        #expect(page.body.contains(console.admin) && page.body.contains("<code># from the browser</code>"), "\(page.body)")
        page = try console.http.post("/revert/\(commitID)", ["csrf": csrf], cookie: cookie)
        #expect(page.body.contains("committed"), "\(page.body)")
        #expect(console.cluster.director.read(squid) == Fixture.squidConf, "the revert restores the live file")
        page = try console.http.post("/rollback/\(commitID)", ["csrf": csrf], cookie: cookie)
        #expect(page.body.contains("committed"), "\(page.body)")
        #expect(console.cluster.director.read(squid) == fixed, "the rollback brings the file back, live too")

        // The reader reads, and may not change.
        let reading = try console.login(console.reader)
        #expect(try console.http.get("/log", cookie: reading.cookie).status == 200)
        let refused = try console.http.post("/commit", ["message": "no", "csrf": reading.csrf], cookie: reading.cookie)
        #expect(refused.status == 403 && refused.body.contains("may read but not change"), "\(refused.status)")
        #expect(console.log.contains("\(console.admin) logged in from 127.0.0.1"))
    }

    @Test func aWeakeningIsCommittedOnlyWithTheSwitch() throws {
        let console = try ConsoleFixture(nodes: ["node1"])
        defer { console.stop() }
        #expect(try console.cluster.commit("first").status == 0)
        try console.start()
        let (cookie, csrf) = try console.login(console.admin)
        let squid = "/etc/squid3/squid.conf"
        let weakened = Fixture.squidConf.replacingOccurrences(of: "http_access allow localnet", with: "http_access permit localnet")
        var page = try console.http.post("/edit", ["path": squid, "content": weakened, "csrf": csrf], cookie: cookie)
        #expect(page.body.contains("id=\"allow-weakened\""), "the switch is offered for a weakening: \(page.body)")
        page = try console.http.post("/commit", ["message": "permit", "csrf": csrf], cookie: cookie)
        #expect(page.body.contains("refused"), "without the switch: \(page.body)")
        page = try console.http.post("/commit", ["message": "permit", "allow-weakened": "1", "csrf": csrf], cookie: cookie)
        #expect(page.body.contains("committed"), "with it: \(page.body)")

        // A plain error gets no switch.
        page = try console.http.post("/edit", ["path": squid, "content": weakened + "http_port 3128x\n", "csrf": csrf], cookie: cookie)
        #expect(!page.body.contains("id=\"allow-weakened\"") && !page.body.contains("id=\"commit\""))
    }

    /// The statuses of `node`'s rows in an event stream, in the order the events came.
    static func nodePhases(_ stream: String, _ node: String) -> [String] {
        stream.components(separatedBy: "\n\n").filter { $0.contains("event: node\n") && $0.contains("data-node=\"\(node)\"") }
            .compactMap { event in
                event.range(of: #"<td class="status">[^<]*</td>"#, options: .regularExpression).map {
                    String(event[$0].dropFirst(#"<td class="status">"#.count).dropLast("</td>".count))
                }
            }
    }
}
