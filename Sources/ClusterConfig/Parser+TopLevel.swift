import Diagnostics

extension Parser {
    /// Statements of other csync2 builds, accepted at top level with one value and ignored
    /// (the csync2 fork at github.com/schafdog/csync2).
    static let forkSettings: Set<String> = ["protocol-version", "database-version", "ip-version"]

    /// The whole token stream.
    mutating func parseFile() {
        while current.kind != .end {
            let token = current
            guard token.kind == .word, !token.quoted else {
                unknownStatement(in: "at top level")
                continue
            }
            switch token.text {
            case "group": parseGroup()
            case "prefix": parsePrefix()
            case "confsync": parseConfsyncBlock()
            case "ignore": parseIgnore()
            case "nossl": parseNossl()
            case "database", "tempdir": ignoredSetting(what: "a value")
            case "lock-timeout": parseLockTimeout()
            case "no-cygwin-lowercase":
                advance()
                bag.error("'no-cygwin-lowercase' is only accepted by csync2 built for Cygwin", at: token.location)
                finishStatement(token)
            case let word where Parser.forkSettings.contains(word): ignoredSetting(what: "a value")
            default: unknownStatement(in: "at top level")
            }
        }
    }

    /// `database X;`, `tempdir X;`, ...: csync2 settings without meaning for confsync.
    private mutating func ignoredSetting(what: String) {
        let keyword = current
        advance()
        _ = singleValue(after: keyword, what: what)
    }

    /// `lock-timeout SECONDS;`
    private mutating func parseLockTimeout() {
        let keyword = current
        advance()
        if let value = singleValue(after: keyword, what: "a number of seconds"),
           !(value.text.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }) {
            bag.error("'lock-timeout' needs a number of seconds, not '\(value.text)'", at: value.location)
        }
    }

    /// `nossl FROM-PATTERN TO-PATTERN;`
    private mutating func parseNossl() {
        let keyword = current
        advance()
        let words = values()
        if words.count != 2 {
            bag.error("'nossl' takes two host patterns, found \(words.count)", at: words.count > 2 ? words[2].location : keyword.location)
        }
        finishStatement(keyword)
    }

    /// `ignore uid gid mod;` (any of them, in any order; none is allowed too).
    private mutating func parseIgnore() {
        let keyword = current
        advance()
        for word in values() {
            if let attribute = IgnoredAttribute(rawValue: word.text) {
                file.ignoredAttributes.insert(attribute)
            } else {
                bag.error("unknown 'ignore' property '\(word.text)' (use uid, gid or mod)", at: word.location)
            }
        }
        finishStatement(keyword)
    }

    /// `prefix NAME { on HOSTPATTERN: PATH; ... }`
    private mutating func parsePrefix() {
        let keyword = current
        advance()
        guard isValueWord(current) else {
            bag.error("expected a prefix name after 'prefix'", at: current.kind == .end ? keyword.end : current.location)
            skipStatement()
            return
        }
        let name = current
        advance()
        guard let open = openBlock(of: keyword, named: "prefix '\(name.text)'") else { return }
        var rules: [PrefixRule] = []
        while blockContinues(open, what: "prefix '\(name.text)'") {
            guard current.isKeyword("on") else {
                unknownStatement(in: "in prefix '\(name.text)' (expected 'on HOSTPATTERN: PATH;')")
                continue
            }
            if let rule = parsePrefixRule() { rules.append(rule) }
        }
        if file.prefixes[name.text] != nil {
            bag.warning("prefix '\(name.text)' is defined again; its rules come first, as in csync2", at: name.location)
        }
        // csync2 looks prefixes up newest first: a later block's rules win.
        file.prefixes[name.text] = rules + (file.prefixes[name.text] ?? [])
    }

    /// `on HOSTPATTERN: PATH;`
    private mutating func parsePrefixRule() -> PrefixRule? {
        let keyword = current
        advance()
        guard isValueWord(current) else {
            bag.error("expected a host pattern after 'on'", at: current.location)
            skipStatement()
            return nil
        }
        let hostPattern = current
        advance()
        guard accept(.colon) != nil else {
            bag.error("expected ':' after host pattern '\(hostPattern.text)'", at: hostPattern.end)
            skipStatement()
            return nil
        }
        guard isValueWord(current) else {
            bag.error("expected a path after '\(hostPattern.text):'", at: current.location)
            skipStatement()
            return nil
        }
        let path = current
        advance()
        finishStatement(keyword)
        guard path.text.hasPrefix("/") else {
            bag.error("prefix path '\(path.text)' is not an absolute path", at: path.location)
            return nil
        }
        let stripped = Parser.strippingTrailingSlashes(path.text)
        checkSpelling("prefix path", stripped, at: path.location)
        return PrefixRule(hostPattern: hostPattern.text, path: stripped)
    }

    /// csync2's `add_patt` and `new_prefix_entry`: trailing slashes go, a lone `/` stays.
    static func strippingTrailingSlashes(_ text: String) -> String {
        var text = Substring(text)
        while text.count > 1 && text.hasSuffix("/") { text = text.dropLast() }
        return String(text)
    }
}
