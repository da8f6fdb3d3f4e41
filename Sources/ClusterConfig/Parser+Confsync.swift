import Diagnostics

extension Parser {
    /// Words with a meaning inside the confsync block (not reserved elsewhere).
    static let confsyncWords: Set<String> = [
        "port", "host", "check", "address", "fingerprint", "allow-weakened", "sync", "drift-check", "watch", "web",
    ]

    /// `confsync { port N; host NAME { ... } check PATTERN CHECKER; }`
    mutating func parseConfsyncBlock() {
        let keyword = current
        advance()
        guard let open = openBlock(of: keyword, named: "'confsync'") else { return }
        var portLocation: SourceLocation?
        while blockContinues(open, what: "'confsync' block") {
            let statement = current
            if statement.isKeyword("port") {
                advance()
                guard let value = singleValue(after: statement, what: "a port number", stops: Parser.confsyncWords),
                      let port = checkedPort(value) else { continue }
                if let first = portLocation {
                    bag.error("'port' is set twice in the 'confsync' block", at: statement.location,
                              notes: [.note("first set here", at: first)])
                }
                portLocation = statement.location
                file.defaultPort = port
            } else if statement.isKeyword("host") {
                parseConfsyncHost()
            } else if statement.isKeyword("check") {
                parseCheck()
            } else if statement.isKeyword("allow-weakened") {
                parseAllowWeakened()
            } else if statement.isKeyword("sync") {
                if let millis = parseEvery(previous: file.syncEveryMillis) { file.syncEveryMillis = millis }
            } else if statement.isKeyword("drift-check") {
                if let millis = parseEvery(previous: file.driftCheckEveryMillis) { file.driftCheckEveryMillis = millis }
            } else if statement.isKeyword("web") {
                parseWeb()
            } else if statement.isKeyword("watch") {
                if let millis = parseEvery(previous: file.watchAfterMillis, word: "after", minimum: 100) {
                    file.watchAfterMillis = millis
                }
            } else {
                unknownStatement(
                    in: "in the 'confsync' block (expected 'port', 'host', 'check', 'allow-weakened', 'sync every', 'drift-check every', 'watch after' or 'web')")
            }
        }
    }

    /// `host NAME[@ADDRESS[:PORT]] { address A; port N; fingerprint F; }` or `host NAME@ADDRESS:PORT;`
    private mutating func parseConfsyncHost() {
        let keyword = current
        advance()
        guard isValueWord(current, stops: Parser.confsyncWords) else {
            bag.error("expected a host name after 'host'", at: current.kind == .end ? keyword.end : current.location)
            skipStatement()
            return
        }
        let nameToken = current
        advance()
        let name = nameToken.text.lowercased()
        var settings = HostSettings()
        if accept(.at) != nil {
            if isValueWord(current, stops: Parser.confsyncWords) {
                applyAddress(current, to: &settings, host: name)
                advance()
            } else {
                bag.error("expected an address after '\(name)@'", at: previous.end)
            }
        }
        if let open = accept(.openBrace) {
            var seen: [String: SourceLocation] = [:]
            while blockContinues(open, what: "host '\(name)'") {
                parseHostSetting(into: &settings, host: name, seen: &seen)
            }
        } else {
            finishStatement(keyword, stops: Parser.confsyncWords)
        }
        if let first = file.hostSettings[name] {
            bag.error("host '\(name)' appears twice in the 'confsync' block", at: nameToken.location,
                      notes: [.note("first given here", at: first.location)])
            return
        }
        file.hostSettings[name] = HostSettingsDraft(settings: settings, location: nameToken.location)
    }

    /// `address A;`, `port N;` or `fingerprint SHA256:..;` inside a confsync `host` block.
    private mutating func parseHostSetting(into settings: inout HostSettings, host: String, seen: inout [String: SourceLocation]) {
        let statement = current
        guard statement.kind == .word, !statement.quoted, ["address", "port", "fingerprint"].contains(statement.text) else {
            unknownStatement(in: "in host '\(host)' (expected 'address', 'port' or 'fingerprint')")
            return
        }
        advance()
        if let first = seen[statement.text] {
            bag.error("'\(statement.text)' is set twice for host '\(host)'", at: statement.location,
                      notes: [.note("first set here", at: first)])
        }
        seen[statement.text] = statement.location
        guard let value = singleValue(after: statement, what: "a value", stops: Parser.confsyncWords) else { return }
        switch statement.text {
        case "address":
            settings.address = value.text
        case "port":
            if let port = checkedPort(value) { settings.port = port }
        default:
            if let fingerprint = Fingerprint.normalized(value.text) {
                settings.fingerprint = fingerprint
            } else {
                bag.error(
                    "bad fingerprint '\(value.text)' for host '\(host)' (expected SHA256: and 32 hex pairs separated by ':')",
                    at: value.location)
            }
        }
    }

    /// `address[:port]` after `@`.
    private mutating func applyAddress(_ token: Token, to settings: inout HostSettings, host: String) {
        switch HostAddress.parse(token.text) {
        case .success(let parsed):
            settings.address = parsed.address
            settings.port = parsed.port
        case .failure(.badPort(let text)):
            bag.error("bad port '\(text)' for host '\(host)' (use 1-65535)", at: token.location)
        case .failure(.emptyAddress):
            bag.error("empty address for host '\(host)'", at: token.location)
        }
    }

    /// `check PATTERN squid|ldirectord|cluster|none;` or `check PATTERN exec "COMMAND";`
    private mutating func parseCheck() {
        let keyword = current
        advance()
        guard isValueWord(current, stops: Parser.confsyncWords) else {
            bag.error("expected a path pattern after 'check'", at: current.kind == .end ? keyword.end : current.location)
            skipStatement()
            return
        }
        let pattern = current
        advance()
        var checker: CheckRule.Checker?
        if current.isKeyword("exec") {
            advance()
            if isValueWord(current, stops: Parser.confsyncWords) {
                checker = .exec(current.text)
                advance()
            } else {
                bag.error("'exec' needs a command (\"tool --check %f\")", at: previous.end)
            }
        } else if isValueWord(current, stops: Parser.confsyncWords) {
            switch current.text {
            case "squid": checker = .squid
            case "ldirectord": checker = .ldirectord
            case "cluster": checker = .cluster
            case "none": checker = CheckRule.Checker.none
            default:
                bag.error(
                    "unknown checker '\(current.text)' (use squid, ldirectord, cluster, none or exec \"COMMAND\")",
                    at: current.location)
            }
            advance()
        } else {
            bag.error("expected a checker after '\(pattern.text)'", at: pattern.end)
        }
        finishStatement(keyword, stops: Parser.confsyncWords)
        guard let checker else { return }
        if pattern.text.hasPrefix("%") {
            bag.warning("'check' patterns are matched against plain paths; '%prefix%' is not substituted", at: pattern.location)
        }
        file.checks.append(CheckRule(pattern: PathPattern(pattern.text), checker: checker, location: pattern.location))
    }

    /// `allow-weakened PATTERN...;`: the files whose weakening findings (docs/validation.md)
    /// are warnings, not errors. Patterns as for `include`.
    private mutating func parseAllowWeakened() {
        let keyword = current
        advance()
        let words = values(stops: Parser.confsyncWords)
        finishStatement(keyword, stops: Parser.confsyncWords)
        if words.isEmpty { bag.error("'allow-weakened' needs at least one path pattern", at: keyword.end) }
        for word in words {
            if word.text.hasPrefix("%") {
                bag.warning("'allow-weakened' patterns are matched against plain paths; '%prefix%' is not substituted",
                            at: word.location)
            }
            file.allowWeakened.append(PathPattern(Parser.strippingTrailingSlashes(word.text)))
        }
    }

    /// `sync every DURATION;` and `drift-check every DURATION;`: how often the director
    /// service syncs, and asks the nodes for drift; `watch after DURATION;`: the quiet period
    /// after a change before it syncs. The duration in milliseconds, or nil after an error
    /// (`previous`: a setting already made, which makes this one an error).
    private mutating func parseEvery(previous: Int?, word: String = "every", minimum: Int = 1000) -> Int? {
        let keyword = current
        advance()
        let words = values(stops: Parser.confsyncWords)
        finishStatement(keyword, stops: Parser.confsyncWords)
        let examples = minimum < 1000 ? "500ms, 2s, 1m" : "90s, 15m, 1h"
        guard words.count == 2, words[0].text == word else {
            bag.error("expected '\(keyword.text) \(word) DURATION;' (\(examples))", at: words.first?.location ?? keyword.end)
            return nil
        }
        guard let millis = ActionTimeout.milliseconds(words[1].text), millis >= minimum, millis <= 86_400_000 else {
            let least = minimum < 1000 ? "\(minimum)ms" : "\(minimum / 1000)s"
            bag.error(
                "'\(keyword.text) \(word)' needs a duration from \(least) to 24h (\(examples)), not '\(words[1].text)'",
                at: words[1].location)
            return nil
        }
        if previous != nil {
            bag.error("'\(keyword.text) \(word)' is set twice in the 'confsync' block", at: keyword.location)
            return nil
        }
        return millis
    }

    /// `web ADDRESS:PORT;`: where `confsync serve` serves the web console (loopback only).
    private mutating func parseWeb() {
        let keyword = current
        advance()
        let words = values(stops: Parser.confsyncWords)
        finishStatement(keyword, stops: Parser.confsyncWords)
        guard words.count == 1, let colon = words[0].text.lastIndex(of: ":"),
            let port = Int(words[0].text[words[0].text.index(after: colon)...]), (1...65535).contains(port)
        else {
            bag.error("expected 'web ADDRESS:PORT;' (127.0.0.1:8080)", at: words.first?.location ?? keyword.end)
            return
        }
        if file.webAddress != nil { bag.error("'web' is set twice in the 'confsync' block", at: keyword.location) }
        file.webAddress = words[0].text
    }

    /// A port value, reported when it is not 1...65535.
    private mutating func checkedPort(_ token: Token) -> Int? {
        switch HostAddress.port(token.text) {
        case .success(let port): return port
        case .failure: bag.error("bad port '\(token.text)' (use 1-65535)", at: token.location)
        }
        return nil
    }
}
