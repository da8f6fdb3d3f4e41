import Diagnostics
/// `auth_param` and `access_log`.
extension ConfigWalker {
    /// auth_param SCHEME PARAMETER VALUE...
    mutating func checkAuthParam(_ d: inout DirectiveLine) {
        guard let scheme = required(&d, "an authentication scheme"), let parameter = required(&d, "a parameter") else { return }
        let schemes = ["basic", "digest", "negotiate", "ntlm"]
        // squid first looks for an already configured scheme by case-insensitive prefix ("DIGEST", "basic;")
        let configured = state.authSchemes.keys.sorted().first { scheme.text.lowercased().hasPrefix($0) }
        let name = configured ?? scheme.text
        guard schemes.contains(name) else {
            var message = "auth_param: unknown authentication scheme '\(scheme.text)'"
            if let guess = Suggestions.closest(to: scheme.text, in: schemes) { message += "; did you mean '\(guess)'?" }
            error(message, at: d.location(scheme))
            return
        }
        var settings = state.authSchemes[name] ?? AuthScheme(scheme: name)
        defer { state.authSchemes[name] = settings }
        if name == "negotiate" || name == "ntlm" { settings.realm = true }
        switch (name, parameter.text) {
        case (_, "program"):
            let words = d.words.remaining()
            if words.isEmpty { error("auth_param: 'program' needs a helper command", at: d.endLocation) }
            settings.program = !words.isEmpty
        case (_, "children"):
            if let first = d.words.peek() { settings.children = Int(Numbers.decimal(Substring(first.text)) ?? 1) }
            checkHelperChildren(&d)
        case (_, "realm"):
            settings.realm = false
            if d.words.restOfLine() == nil { error("auth_param: missing \(name) realm", at: d.endLocation) }
            settings.realm = true
        case (_, "key_extras"):
            if d.words.restOfLine() == nil { error("auth_param: key_extras needs a format", at: d.endLocation) }
        case (_, "keep_alive"), (_, "utf8"), ("basic", "casesensitive"), ("digest", "nonce_strictness"),
             ("digest", "check_nonce_count"), ("digest", "post_workaround"):
            checkOnOff(&d)
        case ("basic", "credentialsttl"), ("digest", "nonce_garbage_interval"), ("digest", "nonce_max_duration"):
            checkTime(&d)
        case ("digest", "nonce_max_count"):
            checkInteger(&d)
        default:
            weakened("auth_param: unrecognised \(name) parameter '\(parameter.text)'; squid ignores it",
                     at: d.location(parameter))
            _ = d.words.remaining()
        }
    }

    /// access_log none|MODULE:PLACE [options|LOGFORMAT] [ACL...]
    mutating func checkAccessLog(_ d: inout DirectiveLine) {
        guard let place = required(&d, "a log destination") else { return }
        if place.text != "none", let next = d.words.peek() {
            if !next.text.contains("=") {
                if isLogformat(next.text) { _ = d.words.next() }
            } else {
                while let option = d.words.peek(), option.text.contains("=") {
                    _ = d.words.next()
                    let lower = option.text.lowercased()
                    if lower.hasPrefix("on-error=") {
                        let value = lower.dropFirst(9)
                        if !value.hasPrefix("die") && !value.hasPrefix("drop") {
                            error("access_log: on-error must be 'drop' or 'die'", at: d.location(option))
                        }
                    } else if lower.hasPrefix("logformat=") {
                        let name = String(option.text.dropFirst(10))
                        if !isLogformat(name) { error("access_log: unknown logformat '\(name)'", at: d.location(option)) }
                    } else if lower.hasPrefix("rotate=") {
                        if Numbers.decimal(option.text.dropFirst(7)) == nil {
                            error("access_log: '\(option.text)' needs a number", at: d.location(option))
                        }
                    } else if !lower.hasPrefix("buffer-size=") {
                        error("access_log: unknown option '\(option.text)'", at: d.location(option))
                    }
                }
            }
        }
        checkACLList(&d)
    }

    private func isLogformat(_ name: String) -> Bool {
        ["squid", "common", "combined", "referrer", "useragent", "icap_squid"].contains(name)
            || state.logformats.contains(name)
    }
}
