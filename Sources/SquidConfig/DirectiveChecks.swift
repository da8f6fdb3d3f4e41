/// Sends each directive to the check for its cf.data value type.
extension ConfigWalker {
    mutating func check(_ d: inout DirectiveLine) {
        if let requires = d.spec.requires {
            warning("'\(d.spec.name)' requires \(requires); this squid ignores the line", at: d.location(nil))
            return
        }
        switch d.spec.type {
        case .obsolete: checkObsolete(&d)
        case .onoff, .YesNoNone: checkOnOff(&d)
        case .tristate: checkOnOff(&d, allowWarn: true)
        case .int: checkInteger(&d)
        case .int64_t: checkInt64(&d)
        case .pipelinePrefetch:
            if let next = d.words.peek(), next.text == "on" || next.text == "off" { _ = d.words.next() } else { checkInteger(&d) }
        case .u_short: checkUShort(&d)
        case .b_size_t, .b_int64_t: checkBytes(&d, defaultUnit: "bytes")
        case .b_ssize_t: checkBytes(&d, defaultUnit: "bytes", signed: true)
        case .kb_int64_t: checkBytes(&d, defaultUnit: "KB")
        case .time_t: checkTime(&d)
        case .time_msec: checkTime(&d, minimumUnit: 0.001)
        case .string, .TokenOrQuotedString, .removalpolicy: _ = required(&d)
        case .eol:
            if d.words.restOfLine() == nil { error("\(d.name): missing a value", at: d.endLocation) }
        case .address: checkAddress(&d)
        case .uri_whitespace: checkKeyword(&d, ["strip", "deny", "allow", "encode", "chop"])
        case .memcachemode: checkKeyword(&d, ["always", "disk", "network", "never"], prefixes: ["net"])
        case .configuration_includes_quoted_values:
            let value = d.words.peek()?.text
            checkOnOff(&d)
            state.quotedValues = value == "on" || value == "enable"
        case .acl: checkACLDefinition(&d)
        case .acl_access: checkAccessRule(&d)
        case .acl_address:
            checkAddress(&d)
            checkACLList(&d)
        case .acl_tos, .acl_nfmark:
            if let token = required(&d, "a value") {
                let text = d.spec.type == .acl_tos ? Substring(token.text) : token.text.split(separator: "/").first ?? ""
                if Numbers.cInteger(String(text)) == nil {
                    error("\(d.name): '\(token.text)' is not a number", at: d.location(token))
                }
            }
            checkACLList(&d)
        case .acl_b_size_t:
            checkBytes(&d, defaultUnit: "bytes")
            checkACLList(&d)
        case .denyinfo: checkDenyInfo(&d)
        case .peer_access: checkPeerAccess(&d)
        case .peer: checkCachePeer(&d)
        case .cachedir: checkCacheDir(&d)
        case .refreshpattern: checkRefreshPattern(&d)
        case .PortCfg: checkPort(&d)
        case .authparam: checkAuthParam(&d)
        case .access_log: checkAccessLog(&d)
        case .logformat:
            if let name = required(&d, "a format name") { state.logformats.insert(name.text) }
            if d.words.restOfLine() == nil { error("\(d.name): missing the format", at: d.endLocation) }
        case .HelperChildConfig: checkHelperChildren(&d)
        case .externalAclHelper: checkExternalACLType(&d)
        case .icap_service_type, .ecap_service_type, .adaptation_service_set_type, .adaptation_service_chain_type:
            if let name = required(&d, "a service name") { state.adaptationServices.insert(name.text) }
        case .hostdomaintype:
            _ = required(&d, "a peer name")
            _ = required(&d, "a peer type")
        case .http_header_access:
            _ = required(&d, "a header name")
            checkAccessRule(&d)
        case .AuthSchemes:
            _ = required(&d, "an authentication scheme list")
            checkACLList(&d)
        case .IpAddress_list:
            for token in d.words.remaining() { checkHostWithPort(token, d: d) }
        default:
            break  // rarely used types: squid's own parser has the last word
        }
    }

    mutating func checkObsolete(_ d: inout DirectiveLine) {
        let advice = d.spec.advice.first.map { ": \($0)" } ?? ""
        switch d.name {
        case "log_access", "log_icap":
            error("directive '\(d.name)' is obsolete\(advice)", at: d.location(nil))
        case "url_rewrite_concurrency":
            warning("directive '\(d.name)' is obsolete\(advice)", at: d.location(nil))
            checkInteger(&d)
        case "ignore_ims_on_miss":
            warning("directive '\(d.name)' is obsolete\(advice)", at: d.location(nil))
            checkOnOff(&d)
        case let name where name.hasPrefix("sslproxy_"):
            let known = ["sslproxy_cafile", "sslproxy_capath", "sslproxy_cipher", "sslproxy_client_certificate",
                         "sslproxy_client_key", "sslproxy_flags", "sslproxy_options", "sslproxy_version"]
            if known.contains(name) {
                warning("directive '\(d.name)' is obsolete\(advice)", at: d.location(nil))
            } else {
                error("directive '\(d.name)' is obsolete\(advice)", at: d.location(nil))
            }
        default:
            warning("directive '\(d.name)' is obsolete\(advice)", at: d.location(nil))
        }
    }

    /// url_rewrite_children and friends: N [startup=N] [idle=N] [concurrency=N] [queue-size=N] [on-persistent-overload=...]
    mutating func checkHelperChildren(_ d: inout DirectiveLine) {
        guard let first = required(&d, "the number of helpers") else { return }
        _ = integer(first, in: d, base0: false, minimum: 0)
        while let option = d.words.next() {
            let parts = option.text.split(separator: "=", maxSplits: 1)
            let key = parts.first.map(String.init) ?? ""
            let value = parts.count > 1 ? parts[1] : ""
            switch key {
            case "startup", "idle", "concurrency", "queue-size", "reservation-timeout":
                if Numbers.decimal(value) == nil {
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

    /// GetHostWithPort: HOST[:PORT] (wccp routers and the like).
    mutating func checkHostWithPort(_ token: Token, d: DirectiveLine) {
        var host = Substring(token.text)
        if let colon = token.text.lastIndex(of: ":"), IPAddress.parse(token.text) == nil {
            host = token.text[..<colon]
            _ = port(token, in: d, text: token.text[token.text.index(after: colon)...])
        }
        checkHostOrIP(String(host), at: d.location(token), what: "\(d.name): invalid address")
    }

    /// external_acl_type NAME [options] FORMAT... /path/to/helper [args]
    mutating func checkExternalACLType(_ d: inout DirectiveLine) {
        guard let name = required(&d, "a helper name") else { return }
        state.externalACLTypes.insert(name.text)
        if d.words.atEnd { error("\(d.name): missing the helper command", at: d.endLocation) }
        _ = d.words.remaining()
    }
}
