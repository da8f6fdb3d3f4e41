import Deploy
import Operations

/// The drift pages: per node, the files whose live state differs from what was deployed,
/// each as a diff from the deployed version to the live one, with "adopt" (commit the node's
/// version) per file and "overwrite" (deploy the last commit over it) per node.
extension Pages {
    /// `/drift` (every node) or `/drift/NODE` (`single`).
    static func drift(_ result: DriftResult, single: String?, visitor: Visitor) -> String {
        var body = single == nil ? "" : "<p><a href=\"/drift\">Every node</a></p>"
        if single == nil {
            let drifted = result.nodes.filter { !$0.files.isEmpty }.count
            body += "<p id=\"drift-summary\">\(drifted) of \(result.nodes.count) node(s) drifted"
                + (result.hasUnreachable ? "; some could not be asked" : "") + ".</p>"
        }
        for node in result.nodes { body += driftSection(node, visitor: visitor) }
        return page(single.map { "Drift on \($0)" } ?? "Drift", visitor, body)
    }

    static func driftSection(_ node: NodeDrift, visitor: Visitor) -> String {
        let name = HTML.escape(node.node)
        var body = "<section class=\"drift-node\" data-node=\"\(name)\"><h2><a href=\"/drift/\(HTML.query(node.node))\">\(name)</a></h2>"
        guard node.reachable else {
            return body + "<p class=\"error unreachable\">Unreachable: \(HTML.escape(node.problem ?? ""))</p></section>"
        }
        let at = node.commit.map { " at <a href=\"/commit/\(HTML.query($0))\">\(HTML.escape(String($0.prefix(7))))</a>" } ?? ""
        guard !node.files.isEmpty else { return body + "<p class=\"ok no-drift\">Reachable\(at); no drift.</p></section>" }
        body += "<p class=\"warning\">Reachable\(at); \(node.files.count) drifted file(s).</p>"
        for file in node.files { body += driftedFile(file, node: node.node, visitor: visitor) }
        if visitor.mayChange {
            body += """
                <form method="post" action="/drift/\(HTML.query(node.node))/overwrite" class="overwrite" data-node="\(name)">\(csrfField(visitor))
                <button type="submit">Overwrite \(name)'s drift with the last commit…</button></form>
                """
        }
        return body + "</section>"
    }

    static func driftedFile(_ file: DriftedFile, node: String, visitor: Visitor) -> String {
        let path = HTML.escape(file.path.managed)
        var body = "<div class=\"drifted\" data-path=\"\(path)\" data-kind=\"\(file.kind)\">"
            + "<h3><code>\(path)</code> <span class=\"kind\">\(HTML.escape(kindText(file.kind)))</span></h3>"
        if let live = file.live, file.attributesChanged {
            body += "<p class=\"attributes\">Attributes: <code>\(HTML.escape(file.deployed.summary))</code> deployed, "
                + "<code>\(HTML.escape(live.summary))</code> live</p>"
        }
        if let diff = file.diff {
            body += "<p>From what was deployed (<code>a/</code>) to what is on \(HTML.escape(node)) now (<code>b/</code>):</p>"
                + HTML.diff(diff)
        } else if let problem = file.diffProblem {
            body += "<p class=\"error\">No diff: \(HTML.escape(problem))</p>"
        }
        if visitor.mayChange && file.content != nil {
            body += """
                <form method="post" action="/drift/\(HTML.query(node))/adopt" class="adopt" data-node="\(HTML.escape(node))" data-path="\(path)">\(csrfField(visitor))
                <input type="hidden" name="path" value="\(path)"><input type="hidden" name="blob" value="\(HTML.escape(file.liveBlobID ?? ""))">
                <button type="submit">Adopt \(HTML.escape(node))'s version (commit it)</button></form>
                """
        }
        return body + "</div>"
    }

    static func kindText(_ kind: DriftedFile.Kind) -> String {
        switch kind {
        case .missing: "missing on the node"
        case .content: "content changed"
        case .attributes: "owner, group or mode changed"
        case .notRegularFile: "not a regular file any more"
        }
    }

    /// The confirmation step before an overwrite: what will be written over, and the button
    /// that does it.
    static func overwriteConfirmation(_ preview: ConsoleActions.OverwritePreview, visitor: Visitor) -> String {
        let node = preview.node
        let name = HTML.escape(node.node)
        var body = ""
        let head = preview.head.map { "<a href=\"/commit/\($0.id)\">\($0.shortID)</a> \(HTML.escape($0.summary))" } ?? "the last commit"
        if node.files.isEmpty {
            body += "<p class=\"ok\" id=\"overwrite-nothing\">\(name) has no drift (any more): there is nothing to overwrite.</p>"
        } else {
            body += "<p id=\"overwrite-what\">A forced deploy of \(head) to \(name) writes these files again:</p><ul id=\"overwrite-files\">"
                + node.files.map { "<li><code>\(HTML.escape($0.path.managed))</code> (\(HTML.escape(kindText($0.kind))))</li>" }.joined()
                + "</ul><p>What is on \(name) now is kept in the repository first (<code>refs/confsync/drift/\(name)</code>); "
                + "the deploy is recorded as yours, with the drift it overwrote. Actions run where files change.</p>"
        }
        body += """
            <form method="post" action="/drift/\(HTML.query(node.node))/overwrite" class="inline">\(csrfField(visitor))
            <input type="hidden" name="confirm" value="1"><button type="submit" id="confirm-overwrite">Overwrite \(name)</button></form>
            <a href="/drift/\(HTML.query(node.node))" id="cancel-overwrite">Cancel</a>
            """
        return page("Overwrite the drift on \(node.node)?", visitor, body)
    }

    /// After an adopt: the commit, whether the node is recorded at it, and the deploy that
    /// brings the other nodes to it.
    static func adopted(_ adopted: ConsoleActions.Adopted, node: String, visitor: Visitor) -> String {
        let outcome = adopted.outcome
        var body = "<p id=\"outcome\">\(HTML.escape(outcome.headline))</p>" + diagnosticsList(outcome.diagnostics)
        guard let commit = outcome.commit else { return page("Adopt", visitor, body) }
        let name = HTML.escape(node)
        body += "<p id=\"adopted-commit\"><a href=\"/commit/\(commit.id)\">\(commit.shortID)</a> \(HTML.escape(commit.summary))"
            + " by \(HTML.escape(commit.author))</p>"
        if let settled = adopted.settled {
            body += settled.isAtTarget
                ? "<p class=\"ok\" id=\"settled\">\(name) is recorded at \(commit.shortID): it already had these files.</p>"
                : "<p class=\"error\" id=\"settled\">\(name) is not at \(commit.shortID) yet: \(HTML.escape(settled.message))</p>"
        } else {
            body += "<p class=\"warning\" id=\"settled\">\(name) was at another commit: the next deploy brings it to \(commit.shortID).</p>"
        }
        body += """
            <p>The other nodes get it with the next deploy.</p>
            <form method="post" action="/deploy" class="inline">\(csrfField(visitor))<input type="hidden" name="dry" value="1">
            <button type="submit" id="dry-run">Preview the deploy</button></form>
            <form method="post" action="/deploy" class="inline">\(csrfField(visitor))
            <button type="submit" id="deploy">Deploy it</button></form>
            <p><a href="/drift">Drift on every node</a></p>
            """
        return page("Adopted from \(node)", visitor, body)
    }

    /// After an overwrite: the node's deploy, as the deploy page shows it.
    static func overwritten(_ report: DeployReport, node: String, visitor: Visitor) -> String {
        var body = deployTable(report.outcomes.map { deployRow($0) })
        body += deploySummary(report, dryRun: false)
        body += "<p><a href=\"/drift/\(HTML.query(node))\" id=\"drift-again\">Drift on \(HTML.escape(node)) now</a> · "
            + "<a href=\"/audit?node=\(HTML.query(node))\">Its audit</a></p>"
        return page("Overwrote the drift on \(node)", visitor, body)
    }
}
