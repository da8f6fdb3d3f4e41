import Diagnostics

extension Parser {
    /// `group [NAME] { ... }`
    mutating func parseGroup() {
        let keyword = current
        advance()
        var draft: GroupDraft
        if isValueWord(current) {
            draft = GroupDraft(name: current.text, nameLocation: current.location, location: keyword.location)
            advance()
        } else {
            unnamedGroups += 1
            draft = GroupDraft(name: "group_\(unnamedGroups)", nameLocation: keyword.location, location: keyword.location)
        }
        let what = "group '\(draft.name)'"
        guard let open = openBlock(of: keyword, named: what) else { return }
        while blockContinues(open, what: what) {
            parseGroupStatement(into: &draft)
        }
        file.groups.append(draft)
    }

    private mutating func parseGroupStatement(into draft: inout GroupDraft) {
        let keyword = current
        guard keyword.kind == .word, !keyword.quoted else {
            unknownStatement(in: "in group '\(draft.name)'")
            return
        }
        switch keyword.text {
        case "host": parseHosts(into: &draft)
        case "include": parsePatterns(.include, into: &draft)
        case "exclude": parsePatterns(.exclude, into: &draft)
        case "compare": parsePatterns(.compare, into: &draft)
        case "key":
            advance()
            guard let value = singleValue(after: keyword, what: "a key file name") else { return }
            if draft.key != nil {
                bag.error("group '\(draft.name)' has more than one key", at: keyword.location)
            }
            draft.key = value.text
        case "auto":
            advance()
            guard let value = singleValue(after: keyword, what: "a method") else { return }
            guard let method = AutoResolution(rawValue: value.text) else {
                let words = AutoResolution.allCases.map(\.rawValue).joined(separator: ", ")
                bag.error("unknown auto method '\(value.text)' (use \(words))", at: value.location)
                return
            }
            if draft.auto != nil {
                bag.error("group '\(draft.name)' has more than one auto method", at: keyword.location)
            }
            draft.auto = method
        case "backup-directory", "backup-generations":
            advance()
            _ = singleValue(after: keyword, what: "a value")
            if backupNoteFiles.insert(keyword.location.path).inserted {
                bag.note("history replaces backups; 'backup-directory' and 'backup-generations' are ignored", at: keyword.location)
            }
        case "action": parseAction(into: &draft)
        default: unknownStatement(in: "in group '\(draft.name)'")
        }
    }

    /// `host a b (c d) e@addr f@addr:port;` — parenthesised hosts only receive.
    private mutating func parseHosts(into draft: inout GroupDraft) {
        let keyword = current
        advance()
        var openParen: Token?
        loop: while true {
            switch current.kind {
            case .openParen:
                if openParen != nil { bag.error("'(' inside '(...)' in 'host' statement", at: current.location) }
                openParen = current
                advance()
            case .closeParen:
                if openParen == nil { bag.error("')' without '(' in 'host' statement", at: current.location) }
                openParen = nil
                advance()
            case .word where isValueWord(current):
                parseHost(receiveOnly: openParen != nil, into: &draft)
            default:
                break loop
            }
        }
        if let openParen {
            bag.error("missing ')' for this '('", at: openParen.location)
        }
        finishStatement(keyword)
    }

    /// `NAME` or `NAME@ADDRESS[:PORT]`.
    private mutating func parseHost(receiveOnly: Bool, into draft: inout GroupDraft) {
        let nameToken = current
        advance()
        let name = nameToken.text.lowercased()
        var address: String?
        var port: Int?
        if accept(.at) != nil {
            if isValueWord(current) {
                let addressToken = current
                advance()
                switch HostAddress.parse(addressToken.text.lowercased()) {
                case .success(let parsed):
                    address = parsed.address
                    port = parsed.port
                case .failure(.badPort(let text)):
                    bag.error("bad port '\(text)' for host '\(name)' (use 1-65535)", at: addressToken.location)
                case .failure(.emptyAddress):
                    bag.error("empty address for host '\(name)'", at: addressToken.location)
                }
            } else {
                bag.error("expected an address after '\(name)@'", at: previous.end)
            }
        }
        if let first = draft.hostLocations[name] {
            bag.error(
                "host '\(name)' is listed twice in group '\(draft.name)'", at: nameToken.location,
                notes: [.note("'\(name)' is first listed here", at: first)])
            return
        }
        draft.hostLocations[name] = nameToken.location
        draft.hosts.append(Host(name: name, receiveOnly: receiveOnly, address: address, port: port))
    }

    /// `include P...;`, `exclude P...;`, `compare P...;`
    private mutating func parsePatterns(_ kind: PatternRule.Kind, into draft: inout GroupDraft) {
        let keyword = current
        advance()
        let words = values()
        finishStatement(keyword)
        for (index, word) in words.enumerated() {
            // csync2's grammar (`comp_list: incl_list TK_STRING`) makes every pattern of a
            // `compare` statement but the last an `include`.
            let effective: PatternRule.Kind = kind == .compare && index < words.count - 1 ? .include : kind
            let pattern = PathPattern(Parser.strippingTrailingSlashes(word.text))
            checkSpelling("pattern", pattern.text, at: word.location)
            draft.rules.append(PatternRule(kind: effective, pattern: pattern, location: word.location))
        }
        if kind == .compare && words.count > 1 {
            bag.warning(
                "csync2 reads all but the last pattern of a 'compare' statement as 'include' patterns; so does confsync",
                at: keyword.location)
        }
    }

    /// `action { pattern P...; exec "CMD"...; logfile F; do-local; do-local-only; timeout T; verify "CMD"; }`
    private mutating func parseAction(into draft: inout GroupDraft) {
        let keyword = current
        advance()
        let what = "action in group '\(draft.name)'"
        guard let open = openBlock(of: keyword, named: "'action'") else { return }
        var patterns: [PathPattern] = []
        var patternLocations: [SourceLocation] = []
        var commands: [String] = []
        var logfile: String?
        var doLocal = false
        var doLocalOnly = false
        var timeout: (millis: Int, location: SourceLocation)?
        var verify: (command: String, location: SourceLocation)?
        while blockContinues(open, what: what) {
            let statement = current
            guard statement.kind == .word, !statement.quoted else {
                unknownStatement(in: "in action")
                continue
            }
            switch statement.text {
            case "pattern":
                advance()
                let words = values()
                finishStatement(statement)
                patterns += words.map { PathPattern($0.text, matching: .wholePath) }
                patternLocations += words.map(\.location)
            case "exec":
                advance()
                let words = values()
                finishStatement(statement)
                commands += words.map(\.text)
            case "logfile":
                advance()
                if let value = singleValue(after: statement, what: "a file name") {
                    logfile = value.text
                    checkSpelling("logfile", value.text, at: value.location)
                }
            case "do-local", "do-local-only":
                advance()
                finishStatement(statement)
                if statement.text == "do-local" { doLocal = true } else { doLocalOnly = true }
            case "timeout":
                advance()
                guard let value = singleValue(after: statement, what: "a duration (60, 60s, 2m, 500ms)") else { continue }
                guard let millis = ActionTimeout.milliseconds(value.text) else {
                    bag.error(
                        "'timeout' needs a duration above 0 and at most 24h (60, 60s, 2m, 500ms), not '\(value.text)'",
                        at: value.location)
                    continue
                }
                if let first = timeout {
                    bag.error(
                        "action has more than one 'timeout'", at: statement.location,
                        notes: [.note("the first 'timeout' is here", at: first.location)])
                }
                timeout = (millis, statement.location)
            case "verify":
                advance()
                guard let value = singleValue(after: statement, what: "a command (\"squid -k parse -f %%\")") else { continue }
                if let first = verify {
                    bag.error(
                        "action has more than one 'verify'", at: statement.location,
                        notes: [.note("the first 'verify' is here", at: first.location)])
                }
                if !value.text.contains("%%") {
                    bag.warning(
                        "'verify' command has no '%%': it cannot see the new file (%% is the staged copy)", at: value.location)
                }
                verify = (value.text, statement.location)
            default:
                unknownStatement(in: "in action")
            }
        }
        if commands.isEmpty {
            bag.error("action has no 'exec' command", at: keyword.location)
        }
        if patterns.isEmpty {
            bag.warning("action has no 'pattern': it runs for every file of group '\(draft.name)', as in csync2", at: keyword.location)
        }
        let action = Action(
            patterns: patterns, commands: commands, logfile: logfile,
            doLocal: doLocal, doLocalOnly: doLocalOnly, timeoutMillis: timeout?.millis, verify: verify?.command,
            location: keyword.location)
        draft.actions.append(ActionDraft(action: action, patternLocations: patternLocations))
    }
}
