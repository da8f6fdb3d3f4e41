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
            if let format = d.words.restOfLine() {
                if let problem = LogFormat.problem(inFormat: format.text) { error("logformat: \(problem)", at: d.location(format)) }
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
            _ = required(&d, "a header name")
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
            _ = required(&d, "a header name")
            checkAccessRule(&d)
        case .AuthSchemes:
            _ = required(&d, "an authentication scheme list")
            checkACLList(&d)
        case .CpuAffinityMap: checkCPUAffinityMap(&d)
        case .IpAddress_list:
            for token in d.words.remaining() { checkHostWithPort(token, d: d) }
        default:
            break  // rarely used types: squid's own parser has the last word
        }
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
