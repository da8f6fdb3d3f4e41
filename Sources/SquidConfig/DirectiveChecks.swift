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
        case .b_size_t:
            let value = checkBytes(&d, defaultUnit: "bytes", unsigned: true)
            if d.spec.name == "client_request_buffer_max_size" || d.spec.name == "request_header_max_size" {
                state.requestSizes[d.spec.name] = value.map { ($0, d.location(nil)) }
            }
        case .b_int64_t: checkBytes(&d, defaultUnit: "bytes")
        case .b_ssize_t: checkBytes(&d, defaultUnit: "bytes", signed: true)
        case .kb_int64_t: checkBytes(&d, defaultUnit: "KB")
        case .time_t: checkTime(&d)
        case .time_msec: checkTime(&d, minimumUnit: 0.001)
        case .string, .TokenOrQuotedString, .removalpolicy:
            let value = required(&d)
            if d.spec.name == "append_domain", let value, !value.text.hasPrefix(".") {
                error("append_domain must begin with a '.'", at: d.location(value))
            }
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
        case .acl_tos:
            if let token = required(&d, "a TOS value"), (Numbers.cInteger(token.text).map { $0 < 0 || $0 > 255 } ?? true) {
                error("\(d.name): '\(token.text)' is not a TOS value (0-255)", at: d.location(token))
            }
            checkACLList(&d)
        case .acl_nfmark:
            if let token = required(&d, "a mark"), !Self.isMark(token.text) {
                error("\(d.name): invalid mark '\(token.text)' (use mark[/mask])", at: d.location(token))
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
            if let format = d.words.restOfLine() {
                if let problem = LogFormat.problem(inFormat: format.text) {
                    let at = format.quoted ? format : Token(text: "", offset: format.offset + problem.offset)
                    error("logformat: \(problem.message)", at: d.location(at))
                }
            } else {
                error("\(d.name): missing the format", at: d.endLocation)
            }
        case .HelperChildConfig: checkHelperChildren(&d)
        case .externalAclHelper: checkExternalACLType(&d)
        case .icap_service_type, .ecap_service_type: checkAdaptationService(&d)
        case .adaptation_service_set_type, .adaptation_service_chain_type: checkAdaptationGroup(&d)
        case .adaptation_access_type: checkAdaptationAccess(&d)
        case .note: checkNote(&d)
        case .HeaderWithAclList:
            guard required(&d, "a header name") != nil, d.words.nextQuoted() != nil else {
                error("\(d.name): missing the header value", at: d.endLocation)
                return
            }
            checkACLList(&d)
        case .http_header_replace:
            guard d.words.next() != nil else {
                warning("\(d.name): missing header name; squid ignores the line", at: d.endLocation)
                return
            }
            if d.words.restOfLine() == nil { error("\(d.name): missing the replacement value", at: d.endLocation) }
        case .ftp_epsv:
            guard let first = d.words.peek() else {
                error("\(d.name): missing 'on', 'off' or an access rule", at: d.endLocation)
                return
            }
            let deprecated = first.text == "on" || first.text == "off"
            if deprecated != state.ftpEpsvDeprecated && (state.ftpEpsvDeprecated || state.ftpEpsvRules) {
                error("ftp_epsv: do not mix 'ftp_epsv on|off' lines with 'ftp_epsv allow|deny ...' lines", at: d.location(first))
                return
            }
            if deprecated {
                _ = d.words.next()
                state.ftpEpsvDeprecated = true
            } else {
                state.ftpEpsvRules = true
                checkAccessRule(&d)
            }
        case .icmp:
            _ = required(&d, "a program")
            _ = d.words.remaining()
        case .wccp2_method:
            checkKeyword(&d, ["gre", "l2", "1", "2"])
        case .wccp2_amethod:
            checkKeyword(&d, ["hash", "mask", "1", "2"])
        case .wccp2_service:
            guard let kind = required(&d, "'standard' or 'dynamic'") else { return }
            guard kind.text == "standard" || kind.text == "dynamic" else {
                error("\(d.name): bad service type '\(kind.text)' (expected standard or dynamic)", at: d.location(kind))
                return
            }
            if let id = required(&d, "a service id"), let value = integer(id, in: d), kind.text == "dynamic" {
                state.wccp2DynamicServices.insert(value)
            }
            _ = d.words.remaining()
        case .wccp2_service_info:
            guard let id = required(&d, "a service id"), let value = integer(id, in: d, base0: false) else { return }
            if !state.wccp2DynamicServices.contains(value) {
                error("\(d.name): unknown dynamic service id \(value): define it first with 'wccp2_service dynamic \(value)'",
                      at: d.location(id))
            }
            _ = d.words.remaining()
        case .AuthSchemes:
            guard let schemes = d.words.nextQuoted() else {
                error("auth_schemes: missing the scheme list", at: d.endLocation)
                return
            }
            state.authSchemeLists.append((schemes.text, d.location(schemes)))
            checkACLList(&d)
        case .on_unsupported_protocol:
            guard let action = required(&d, "'tunnel' or 'respond'") else { return }
            guard action.text == "tunnel" || action.text == "respond" else {
                error("\(d.name): unknown mode '\(action.text)' (use 'tunnel' or 'respond')", at: d.location(action))
                return
            }
            checkACLList(&d)
        case .http_upgrade_request_protocols:
            guard required(&d, "a protocol") != nil else { return }
            checkAccessRule(&d)
        case .UrlHelperTimeout: checkURLHelperTimeout(&d)
        case .delay_pool_count, .client_delay_pool_count: checkDelayPoolCount(&d)
        case .delay_pool_class: checkDelayClass(&d)
        case .delay_pool_rates: checkDelayRates(&d)
        case .delay_pool_access: checkDelayAccess(&d, client: false)
        case .client_delay_pool_rates: checkClientDelayRates(&d)
        case .client_delay_pool_access: checkDelayAccess(&d, client: true)
        case .hostdomaintype:
            _ = required(&d, "a peer name")
            _ = required(&d, "a peer type")
        case .http_header_access:
            guard d.words.next() != nil else {
                warning("\(d.name): missing header name; squid ignores the line", at: d.endLocation)
                return
            }
            checkAccessRule(&d)
        case .CpuAffinityMap: checkCPUAffinityMap(&d)
        case .icap_service_failure_limit:
            checkInteger(&d)
            guard let word = d.words.next() else { return }
            guard word.text == "in" else {
                error("\(d.name): expecting 'in' before the time, got '\(word.text)'", at: d.location(word))
                return
            }
            checkTime(&d)
        case .IpAddress_list:
            for token in d.words.remaining() { checkHostWithPort(token, d: d) }
        default:
            break  // rarely used types: squid's own parser has the last word
        }
    }

    /// Ip::NfMarkConfig: MARK[/MASK], each an unsigned 32-bit C integer.
    static func isMark(_ text: String) -> Bool {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        return parts.allSatisfy { part in Numbers.cInteger(String(part)).map { $0 >= 0 && $0 <= 0xFFFF_FFFF } ?? false }
    }

    /// cpu_affinity_map process_numbers=P1,P2,... cores=C1,C2,... (same length, all > 0).
    mutating func checkCPUAffinityMap(_ d: inout DirectiveLine) {
        var lists: [String: [Int64]] = [:]
        for key in ["process_numbers", "cores"] {
            guard let token = required(&d, "\(key)=...") else { return }
            guard token.text.hasPrefix(key + "=") else {
                error("\(d.name): bad '\(key)' parameter", at: d.location(token))
                return
            }
            lists[key] = token.text.dropFirst(key.count + 1).split(separator: ",", omittingEmptySubsequences: false)
                .map { Numbers.decimal($0) ?? 0 }
        }
        let processes = lists["process_numbers"] ?? [], cores = lists["cores"] ?? []
        if processes.count != cores.count || (processes + cores).contains(where: { $0 <= 0 }) {
            error("\(d.name): process_numbers and cores lists differ in length or contain numbers <= 0", at: d.location(nil))
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
}
