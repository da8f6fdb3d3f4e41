/// HTML built as text, everything from outside escaped: config files hold `<`, `"` and `&`
/// (and an attacker's edit could hold `<script>`); nothing is inserted raw but our own markup.
enum HTML {
    /// `text` safe inside an element or a double-quoted attribute.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// `text` for a URL query value.
    static func query(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            let unreserved = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x2D || byte == 0x2E || byte == 0x5F || byte == 0x7E || byte == 0x2F
            out += unreserved ? String(UnicodeScalar(byte)) : String(format: "%%%02X", byte)
        }
        return out
    }

    /// A whole page: the layout, the navigation for a logged-in user, and `body`.
    /// `reload`: seconds after which a browser without script loads the page again (a deploy
    /// still running; with script, `LiveScript` follows it instead).
    static func page(title: String, user: String?, csrf: String?, body: String, reload: Int? = nil) -> String {
        var nav = ""
        if let user, let csrf {
            nav = """
                <nav><a href="/">Overview</a> <a href="/log">History</a> <a href="/files">Files</a> <a href="/drift">Drift</a> <a href="/audit">Audit</a>
                <span class="who">\(escape(user))</span>
                <form method="post" action="/logout" class="inline"><input type="hidden" name="csrf" value="\(escape(csrf))">
                <button type="submit">Log out</button></form></nav>
                """
        }
        return """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(title)) · confsync</title>
            <style>\(style)</style>
            <script src="\(LiveScript.path)" defer></script>\(reload.map { "<noscript><meta http-equiv=\"refresh\" content=\"\($0)\"></noscript>" } ?? "")</head>
            <body><header><b>confsync</b> \(nav)</header><main>
            <h1>\(escape(title))</h1>
            \(body)
            </main></body></html>

            """
    }

    static let style = """
        body{font-family:system-ui,sans-serif;margin:0;color:#222}
        header{background:#234;color:#fff;padding:.5em 1em}header a{color:#cde;margin-right:1em}
        .who{margin:0 1em}.inline{display:inline}main{padding:1em}
        table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left}
        pre{background:#f6f6f6;padding:.5em;overflow:auto}.add{background:#dfd}.del{background:#fdd}
        .error{color:#a00}.warning{color:#a60}.ok{color:#070}textarea{width:100%;font-family:monospace}
        .flagged{background:#fee}.lineno{color:#888;user-select:none}
        """

    /// A unified diff with added and removed lines marked.
    static func diff(_ text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            let escaped = escape(String(line))
            if line.hasPrefix("+") && !line.hasPrefix("+++") { return "<span class=\"add\">\(escaped)</span>" }
            if line.hasPrefix("-") && !line.hasPrefix("---") { return "<span class=\"del\">\(escaped)</span>" }
            return escaped
        }
        return "<pre class=\"diff\">" + lines.joined(separator: "\n") + "</pre>"
    }
}
