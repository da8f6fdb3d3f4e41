import Deploy
import Diagnostics
import Foundation
import Hummingbird
import Operations

/// The console's pages, as HTML text. Every value from outside goes through `HTML.escape`.
enum Pages {
    typealias Visitor = ConsoleRoutes.Visitor

    static func page(_ title: String, _ visitor: Visitor?, _ body: String) -> String {
        HTML.page(title: title, user: visitor?.user, csrf: visitor?.csrf, body: body)
    }

    static func csrfField(_ visitor: Visitor) -> String {
        "<input type=\"hidden\" name=\"csrf\" value=\"\(HTML.escape(visitor.csrf))\">"
    }

    static func date(_ time: Int64) -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss 'UTC'"
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(time)))
    }

    static func login(message: String?) -> String {
        let note = message.map { "<p class=\"error\" id=\"login-message\">\(HTML.escape($0))</p>" } ?? ""
        return page(
            "Log in", nil,
            """
            \(note)
            <form method="post" action="/login">
            <p><label>User <input name="user" id="user" autocomplete="username" required></label></p>
            <p><label>Password <input name="password" id="password" type="password" autocomplete="current-password" required></label></p>
            <p><button type="submit" id="login">Log in</button></p></form>
            """)
    }

    static func message(_ text: String, visitor: Visitor?) -> String {
        page("Not done", visitor, "<p class=\"error\" id=\"message\">\(HTML.escape(text))</p><p><a href=\"/\">Back to the overview</a></p>")
    }

    // MARK: Overview

    static func overview(_ overview: ConsoleActions.Overview, visitor: Visitor) -> String {
        let status = overview.status
        var body = "<h2>Last commit</h2>"
        if let head = status.head {
            body += "<p id=\"head\"><a href=\"/commit/\(head.id)\">\(head.shortID)</a> \(HTML.escape(head.summary)) "
                + "by \(HTML.escape(head.author)), \(date(head.time))</p>"
        } else {
            body += "<p id=\"head\">No commit yet.</p>"
        }
        body += "<h2>Live changes not committed</h2>"
        body += diagnosticsList(status.diagnostics)
        if status.isClean {
            body += "<p id=\"live\">The live files match the last commit.</p>"
        } else {
            body += "<ul id=\"live\">" + status.changes.map { "<li><code>\(HTML.escape($0.line))</code></li>" }.joined() + "</ul>"
            body += HTML.diff(overview.diff)
            if visitor.mayChange {
                body += """
                    <form method="post" action="/commit">\(csrfField(visitor))
                    <label>Message <input name="message" id="commit-message" size="60" required></label>
                    <button type="submit" id="commit">Commit</button></form>
                    """
            }
        }
        body += "<h2>Nodes</h2>" + nodesTable(overview.nodes)
            + "<p><a href=\"/drift\" id=\"drift-link\">Drift on every node, with diffs</a></p>"
        if visitor.mayChange {
            body += """
                <form method="post" action="/deploy" class="inline">\(csrfField(visitor))<input type="hidden" name="dry" value="1">
                <button type="submit" id="dry-run">Preview the deploy</button></form>
                <form method="post" action="/deploy" class="inline">\(csrfField(visitor))
                <button type="submit" id="deploy">Deploy the last commit</button></form>
                """
        }
        return page("Overview", visitor, body)
    }

    static func nodesTable(_ nodes: [NodeStatus]) -> String {
        var rows = "<table id=\"nodes\"><tr><th>Node</th><th>Reachable</th><th>Commit</th><th>Behind</th><th>Drift</th><th>Last deploy</th></tr>"
        for node in nodes {
            let drift = node.drift.map { items in
                items.isEmpty
                    ? "none"
                    : "<a href=\"/drift/\(HTML.query(node.node))\">\(HTML.escape(items.map(\.path).joined(separator: ", ")))</a>"
            } ?? "-"
            let last = node.lastDeploy.map { "\($0.status) \(String(describing: $0.commit).prefix(7)) by \($0.user)" } ?? "-"
            rows += "<tr class=\"node\" data-node=\"\(HTML.escape(node.node))\"><td>\(HTML.escape(node.node))</td>"
                + "<td>\(node.reachable ? "yes" : "no: " + HTML.escape(node.problem ?? ""))</td>"
                + "<td class=\"commit\">\(HTML.escape(node.commit.map { String(String(describing: $0).prefix(7)) } ?? "-"))</td>"
                + "<td>\(node.behind.map(String.init) ?? "-")</td><td class=\"drift\">\(drift)</td><td>\(HTML.escape(last))</td></tr>"
        }
        return rows + "</table>"
    }

    static func diagnosticsList(_ diagnostics: [Diagnostic]) -> String {
        guard !diagnostics.isEmpty else { return "" }
        return "<ul class=\"diagnostics\">" + diagnostics.map { diagnostic in
            "<li class=\"\(diagnostic.severity.rawValue)\">\(HTML.escape(diagnostic.headline))</li>"
        }.joined() + "</ul>"
    }

    // MARK: History

    static func log(_ entries: [LogEntry], query: LogQuery, visitor: Visitor) -> String {
        var body = """
            <form method="get" action="/log"><label>Path <input name="path" value="\(HTML.escape(query.path))"></label>
            <label>Author <input name="author" value="\(HTML.escape(query.author))"></label> <button type="submit">Filter</button></form>
            <table id="log"><tr><th>Commit</th><th>Date</th><th>Author</th><th>Summary</th></tr>
            """
        for entry in entries.prefix(LogQuery.pageSize) {
            let commit = entry.commit
            body += "<tr><td><a href=\"/commit/\(commit.id)\">\(commit.shortID)</a></td><td>\(date(commit.time))</td>"
                + "<td>\(HTML.escape(commit.author))</td><td>\(HTML.escape(commit.summary))</td></tr>"
        }
        body += "</table>"
        let filters = "path=\(HTML.query(query.path))&amp;author=\(HTML.query(query.author))"
        if query.page > 0 { body += "<a href=\"/log?\(filters)&amp;page=\(query.page - 1)\">Newer</a> " }
        if entries.count > LogQuery.pageSize { body += "<a href=\"/log?\(filters)&amp;page=\(query.page + 1)\" id=\"older\">Older</a>" }
        return page("History", visitor, body)
    }

    static func commit(_ shown: ShowResult, visitor: Visitor) -> String {
        let commit = shown.commit
        var body = "<p><b>\(commit.shortID)</b> by \(HTML.escape(commit.author)) &lt;\(HTML.escape(commit.email))&gt;, \(date(commit.time))</p>"
        body += "<pre id=\"message\">\(HTML.escape(commit.message))</pre>"
        body += "<ul>" + shown.changes.map { change in
            "<li><code>\(HTML.escape(change.line))</code> <a href=\"/file?path=\(HTML.query(change.path))&amp;rev=\(commit.id)\">file</a> "
                + "<a href=\"/blame?path=\(HTML.query(change.path))&amp;rev=\(commit.id)\">blame</a></li>"
        }.joined() + "</ul>"
        body += HTML.diff(shown.diff)
        if visitor.mayChange {
            body += """
                <form method="post" action="/revert/\(commit.id)">\(csrfField(visitor))
                <button type="submit" id="revert">Revert this commit (as a new commit)</button></form>
                <form method="post" action="/rollback/\(commit.id)">\(csrfField(visitor))
                <button type="submit" id="rollback">Roll back to this commit (as a new commit)</button></form>
                """
        }
        return page("Commit \(commit.shortID)", visitor, body)
    }

    static func commitOutcome(_ outcome: ConsoleActions.CommitOutcome, visitor: Visitor) -> String {
        var body = "<p id=\"outcome\">\(HTML.escape(outcome.headline))</p>" + diagnosticsList(outcome.diagnostics)
        if let commit = outcome.commit {
            body += "<p><a href=\"/commit/\(commit.id)\">\(commit.shortID)</a> \(HTML.escape(commit.summary))</p>"
            body += """
                <form method="post" action="/deploy" class="inline">\(csrfField(visitor))<input type="hidden" name="dry" value="1">
                <button type="submit" id="dry-run">Preview the deploy</button></form>
                <form method="post" action="/deploy" class="inline">\(csrfField(visitor))
                <button type="submit" id="deploy">Deploy it</button></form>
                """
        }
        return page("Commit", visitor, body)
    }

    // MARK: Audit

    /// Audit events per page, newest first.
    static let auditPageSize = 200

    static func audit(_ events: [AuditEvent], request: AuditRequest, page number: Int = 0, visitor: Visitor) -> String {
        let since = request.since.map { String(date($0).prefix(10)) } ?? ""
        let query = "node=\(HTML.query(request.node ?? ""))&amp;path=\(HTML.query(request.path ?? ""))&amp;since=\(HTML.query(since))"
        var body = """
            <form method="get" action="/audit"><label>Node <input name="node" value="\(HTML.escape(request.node ?? ""))"></label>
            <label>Path <input name="path" value="\(HTML.escape(request.path ?? ""))"></label>
            <label>Since <input name="since" placeholder="YYYY-MM-DD" value="\(HTML.escape(since))"></label>
            <button type="submit">Filter</button> <a href="/audit.json?\(query)" id="export">Export as JSON lines</a></form>
            <table id="audit"><tr><th>When</th><th>What</th><th>Who</th><th>Where</th><th>Result</th></tr>
            """
        for event in events.dropFirst(number * auditPageSize).prefix(auditPageSize) {
            switch event {
            case .commit(let commit, let files):
                body += "<tr class=\"commit\"><td>\(date(commit.committer.time))</td>"
                    + "<td>commit <a href=\"/commit/\(commit.id.hex)\">\(commit.id.short)</a> \(HTML.escape(commit.summary))</td>"
                    + "<td>\(HTML.escape(commit.author.name))</td><td>\(HTML.escape(files.joined(separator: ", ")))</td><td></td></tr>"
            case .deploy(let record):
                let actions = record.actions.map { "\($0.command) → exit \($0.exitStatus)" }.joined(separator: "; ")
                body += "<tr class=\"deploy\"><td>\(date(record.at))</td>"
                    + "<td>deploy of \(HTML.escape(record.toCommit.short))</td>"
                    + "<td>\(HTML.escape(record.user)) from \(HTML.escape(record.director))</td><td>\(HTML.escape(record.node))</td>"
                    + "<td>\(HTML.escape(record.status.rawValue))\(actions.isEmpty ? "" : "; " + HTML.escape(actions))"
                    + (record.driftSaved.map { "; <span class=\"forced\">forced over drift</span> (kept in \(HTML.escape($0.short)))" } ?? "")
                    + "</td></tr>"
            case .refused(let refusal):
                body += "<tr class=\"refused\"><td>\(date(refusal.at))</td>"
                    + "<td>refused commit \(HTML.escape(String(refusal.message.split(separator: "\n").first ?? "")))</td>"
                    + "<td>\(HTML.escape(refusal.author))</td><td>\(HTML.escape(refusal.files.joined(separator: ", ")))</td>"
                    + "<td><pre>\(HTML.escape(refusal.errors.joined(separator: "\n")))</pre></td></tr>"
            }
        }
        body += "</table>"
        if number > 0 { body += "<a href=\"/audit?\(query)&amp;page=\(number - 1)\">Newer</a> " }
        if events.count > (number + 1) * auditPageSize {
            body += "<a href=\"/audit?\(query)&amp;page=\(number + 1)\" id=\"older\">Older</a>"
        }
        return page("Audit", visitor, body)
    }

    // MARK: Files

    static func file(_ path: String, revision: String, content: String, visitor: Visitor) -> String {
        let links = "<p><a href=\"/blame?path=\(HTML.query(path))&amp;rev=\(HTML.query(revision))\">Blame</a> "
            + "<a href=\"/log?path=\(HTML.query(path))\">History of this file</a></p>"
        return page("\(path) at \(revision)", visitor, links + "<pre id=\"file\">\(HTML.escape(content))</pre>")
    }

    static func blame(_ path: String, revision: String, lines: [BlameEntry], visitor: Visitor) -> String {
        var body = "<table id=\"blame\"><tr><th>Line</th><th>Commit</th><th>Author</th><th>Date</th><th>Text</th></tr>"
        for line in lines {
            body += "<tr><td>\(line.line)</td><td><a href=\"/commit/\(HTML.escape(line.commit))\">\(HTML.escape(line.shortCommit))</a></td>"
                + "<td>\(HTML.escape(line.author))</td><td>\(date(line.time))</td><td><code>\(HTML.escape(line.text))</code></td></tr>"
        }
        return page("Blame of \(path) at \(revision)", visitor, body + "</table>")
    }

    static func files(_ paths: [String], visitor: Visitor) -> String {
        let items = paths.map { path in
            "<li><a href=\"/edit?path=\(HTML.query(path))\">\(HTML.escape(path))</a> "
                + "(<a href=\"/blame?path=\(HTML.query(path))\">blame</a>, <a href=\"/log?path=\(HTML.query(path))\">history</a>)</li>"
        }
        return page("Managed files", visitor, "<ul id=\"files\">" + items.joined() + "</ul>")
    }

    /// The editor, and after a save its findings: listed, and marked at their lines.
    static func edit(_ file: ConsoleActions.EditableFile, diagnostics: [Diagnostic]?, visitor: Visitor) -> String {
        var body = ""
        if let diagnostics {
            let here = diagnostics.filter { $0.location.path.hasSuffix(file.path) }
            let errors = diagnostics.filter { $0.severity == .error }
            body += errors.isEmpty
                ? "<p class=\"ok\" id=\"verdict\">Saved. The configuration is valid.</p>"
                : "<p class=\"error\" id=\"verdict\">Saved, but the configuration is invalid: it cannot be committed until fixed.</p>"
            body += diagnosticsList(diagnostics)
            let flagged = Dictionary(grouping: here, by: \.location.line)
            if !flagged.isEmpty {
                body += "<pre id=\"annotated\">"
                for (index, line) in file.content.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    let number = index + 1
                    let notes = flagged[number] ?? []
                    let text = "<span class=\"lineno\">\(String(format: "%4d", number))</span> \(HTML.escape(String(line)))"
                    body += notes.isEmpty ? text + "\n"
                        : "<span class=\"flagged\" data-line=\"\(number)\">\(text)</span>"
                            + notes.map { "\n     <span class=\"\($0.severity.rawValue)\">^ \(HTML.escape($0.message))</span>" }.joined() + "\n"
                }
                body += "</pre>"
            }
            // Only weakenings (a check that cannot run here, say) stand in the way: the switch
            // that `--allow-weakened` is on the command line.
            let onlyWeakenings = !errors.isEmpty && errors.allSatisfy(\.isWeakening)
            if (errors.isEmpty || onlyWeakenings) && visitor.mayChange {
                let weakened = onlyWeakenings
                    ? "<label><input type=\"checkbox\" name=\"allow-weakened\" value=\"1\" id=\"allow-weakened\"> "
                        + "Commit anyway: what these checks could not verify is mine to vouch for</label> "
                    : ""
                body += """
                    <form method="post" action="/commit">\(csrfField(visitor))
                    <label>Message <input name="message" id="commit-message" size="60" required></label>
                    \(weakened)<button type="submit" id="commit">Commit</button></form>
                    """
            }
        }
        let readOnly = visitor.mayChange ? "" : " readonly"
        body += """
            <form method="post" action="/edit">\(csrfField(visitor))<input type="hidden" name="path" value="\(HTML.escape(file.path))">
            <textarea name="content" id="content" rows="30"\(readOnly)>\(HTML.escape(file.content))</textarea>
            """
        body += visitor.mayChange ? "<p><button type=\"submit\" id=\"save\">Save and check</button></p></form>" : "</form>"
        return page(file.path, visitor, body)
    }

    // MARK: Deploy

    static func deploy(_ report: DeployReport, dryRun: Bool, visitor: Visitor) -> String {
        var body = deployTable(report.outcomes.map { deployRow($0) })
        body += deploySummary(report, dryRun: dryRun)
        if dryRun && visitor.mayChange {
            body += """
                <form method="post" action="/deploy">\(csrfField(visitor))<input type="hidden" name="commit" value="\(report.commit.hex)">
                <button type="submit" id="deploy">Deploy \(report.commit.short)</button></form>
                """
        }
        return page(dryRun ? "Deploy preview" : "Deploy", visitor, body)
    }

    /// A deploy started from the console (`/deploy/ID`): the nodes done so far, and the
    /// summary once it is over. While it runs, `LiveScript` follows its events
    /// (`data-events`, from the first row the page does not have).
    static func runningDeploy(_ id: String, _ deploy: DeployJobs.Snapshot, visitor: Visitor) -> String {
        let rows = deploy.rows
        let end = deploy.events.first { $0.kind == .done }?.html ?? ""
        let events = "/deploy/\(id)/events?from=\(deploy.events.count)"
        let state = deploy.finished ? "done" : "running"
        let body = """
            <p>Started by \(HTML.escape(deploy.user)) at \(date(Int64(deploy.started.timeIntervalSince1970))); \
            <span id="deploy-count">\(deploy.nodesDone)</span> node(s) done\(deploy.finished ? "" : "<span id=\"deploy-so-far\"> so far</span>").</p>
            <div id="deploy-live" data-state="\(state)" data-events="\(HTML.escape(events))">
            \(deployTable(rows))\(end)</div>
            """
        return HTML.page(
            title: "Deploy", user: visitor.user, csrf: visitor.csrf, body: body, reload: deploy.finished ? nil : 2)
    }

    static func deployTable(_ rows: [String]) -> String {
        "<table id=\"outcomes\"><thead><tr><th>Node</th><th>Status</th><th>Files</th><th>Actions</th><th>Message</th></tr></thead>\n"
            + "<tbody>\(rows.joined())</tbody></table>\n"
    }

    /// One node's row: while its apply is on its way (`sending`: what it gets, what will
    /// run), and as soon as it is done (its result, which replaces the other on the page).
    static func deployRow(_ outcome: NodeOutcome, sending: Bool = false) -> String {
        let files = outcome.changes.map { HTML.escape(String(describing: $0.path)) }.joined(separator: "<br>")
        var actions = outcome.actions.map { action in
            "<code>\(HTML.escape(action.command))</code> → exit \(action.exitStatus)"
                + (action.exitStatus == 0 || action.outputTail.isEmpty ? "" : "<pre>\(HTML.escape(action.outputTail))</pre>")
        }
        if sending || outcome.status == .planned {
            actions += outcome.plannedActions.flatMap { planned in planned.commands.map { "will run <code>\(HTML.escape($0))</code>" } }
        }
        let status = sending ? "sending" : outcome.status.rawValue
        return "<tr class=\"outcome\(sending ? " sending" : "")\" data-node=\"\(HTML.escape(outcome.node))\"><td>\(HTML.escape(outcome.node))</td>"
            + "<td class=\"status\">\(HTML.escape(status))</td><td>\(files)</td>"
            + "<td>\(actions.joined(separator: "<br>"))</td><td>\(sending ? "" : HTML.escape(outcome.message))</td></tr>\n"
    }

    /// A node's row before anything is planned for it: its phase (`connecting`, `planning`)
    /// as the status and as a class of the row, the rest empty.
    static func deployPhaseRow(_ node: String, phase: String) -> String {
        "<tr class=\"outcome \(HTML.escape(phase))\" data-node=\"\(HTML.escape(node))\"><td>\(HTML.escape(node))</td>"
            + "<td class=\"status\">\(HTML.escape(phase))</td><td></td><td></td><td></td></tr>\n"
    }

    static func deploySummary(_ report: DeployReport, dryRun: Bool) -> String {
        "<p id=\"deploy-summary\">\(dryRun ? "Preview of" : "Deploy") \(HTML.escape(report.commit.short)): "
            + "\(report.outcomes.filter(\.isAtTarget).count)/\(report.outcomes.count) node(s) at the commit</p>"
    }

    /// The end of a deploy that could not run to its nodes' outcomes.
    static func deployFailure(_ error: any Error) -> String {
        "<p class=\"error\" id=\"message\">\(HTML.escape("\(error)"))</p>"
    }
}

extension LogQuery {
    init(_ parameters: Parameters) {
        self.init(
            path: parameters["path"].map(String.init) ?? "", author: parameters["author"].map(String.init) ?? "",
            page: max(0, parameters["page"].flatMap { Int($0) } ?? 0))
    }
}
