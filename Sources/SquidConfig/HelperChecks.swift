/// Helper directives: children, external ACL helpers, url_rewrite_timeout.
extension ConfigWalker {
    /// url_rewrite_children and friends: N [startup=N] [idle=N] [concurrency=N] [queue-size=N] [on-persistent-overload=...]
    mutating func checkHelperChildren(_ d: inout DirectiveLine) {
        guard let first = required(&d, "the number of helpers") else { return }
        if let count = Numbers.decimal(Substring(first.text)), count < 1 {
            error("\(d.name): the maximum number of processes cannot be less than 1", at: d.location(first))
        } else {
            _ = integer(first, in: d, base0: false, minimum: 0)
        }
        while let option = d.words.next() {
            let parts = option.text.split(separator: "=", maxSplits: 1)
            let key = parts.first.map(String.init) ?? ""
            let value = parts.count > 1 ? parts[1] : ""
            switch key {
            case "startup", "idle", "concurrency", "queue-size", "reservation-timeout":
                if Numbers.decimal(value).map({ $0 < 0 }) ?? true {
                    error("\(d.name): '\(option.text)' needs a number", at: d.location(option))
                }
            case "on-persistent-overload":
                if value != "ERR" && value != "die" {
                    error("\(d.name): unsupported on-persistent-overload value '\(value)'", at: d.location(option))
                }
            default:
                error("\(d.name): unknown option '\(option.text)'", at: d.location(option))
            }
        }
    }

    /// external_acl_type NAME [options] %FORMAT... /path/to/helper [args]
    mutating func checkExternalACLType(_ d: inout DirectiveLine) {
        guard let name = required(&d, "a helper name") else { return }
        state.externalACLTypes.insert(name.text)
        let valued = ["ttl=", "negative_ttl=", "children=", "children-max=", "children-startup=", "children-idle=",
                      "concurrency=", "queue-size=", "cache=", "grace="]
        let flags = ["protocol=2.5", "protocol=3.0", "quote=url", "quote=shell", "ipv4", "ipv6"]
        var token = d.words.next()
        while let option = token {
            if let key = valued.first(where: option.text.hasPrefix) {
                if Numbers.decimal(option.text.dropFirst(key.count)) == nil {
                    error("external_acl_type: '\(option.text)' needs a number", at: d.location(option))
                }
            } else if !flags.contains(option.text) {
                break
            }
            token = d.words.next()
        }
        var formats = 0
        while let format = token, format.text.hasPrefix("%") {
            if let problem = LogFormat.problem(inToken: format.text) {
                error("external_acl_type: \(problem)", at: d.location(format))
            }
            formats += 1
            token = d.words.next()
        }
        guard formats > 0 else {
            error("external_acl_type: missing the %format of what the helper is sent",
                  at: token.map { d.location($0) } ?? d.endLocation)
            return
        }
        guard token != nil else {
            error("external_acl_type: missing the helper command", at: d.endLocation)
            return
        }
        _ = d.words.remaining()
    }

    /// url_rewrite_timeout TIME [UNIT] [on_timeout=bypass|fail|retry|use_configured_response] [response=...]
    mutating func checkURLHelperTimeout(_ d: inout DirectiveLine) {
        guard let value = required(&d, "a time") else { return }
        guard let number = Numbers.cDouble(value.text) else {
            error("\(d.name): '\(value.text)' is not a number", at: d.location(value))
            return
        }
        if number != 0, d.words.peek() == nil {
            error("\(d.name): missing time unit", at: d.endLocation)
            return
        }
        if number != 0, let unit = d.words.peek(), Units.seconds(unit.text) != nil {
            _ = d.words.next()
        } else if number != 0 {
            warning("\(d.name): missing time unit, using deprecated default 'second'", at: d.location(value))
        }
        var action: String?
        var response = false
        let words = d.words.remaining()
        for pair in KeyValuePairs.parse(words.map(\.text)) {
            let location = d.location(words[pair.index])
            switch pair.key.lowercased() {
            case "on_timeout":
                let choice = pair.value.lowercased()
                guard ["bypass", "fail", "retry", "use_configured_response"].contains(choice) else {
                    error("\(d.name): unsupported on_timeout action '\(pair.value)'", at: location)
                    return
                }
                action = choice
            case "response":
                response = true
            default:
                error("\(d.name): unsupported option '\(pair.key)'", at: location)
                return
            }
        }
        if action == "use_configured_response" && !response {
            error("\(d.name): 'on_timeout=use_configured_response' needs a 'response=' option", at: d.endLocation)
        } else if action != "use_configured_response" && response {
            error("\(d.name): 'response=' is valid only with 'on_timeout=use_configured_response'", at: d.endLocation)
        }
    }
}
