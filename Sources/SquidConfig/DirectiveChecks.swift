/// Sends each directive to the check for its cf.data value type.
extension ConfigWalker {
    mutating func check(_ d: inout DirectiveLine) {
        if let requires = d.spec.requires {
            warning("'\(d.spec.name)' requires \(requires); this squid ignores the line", at: d.location(nil))
            return
        }
        switch d.spec.type {
        // scalars (ScalarChecks.swift)
        case .onoff, .YesNoNone: checkOnOff(&d)
        case .tristate: checkOnOff(&d, allowWarn: true)
        case .int where d.spec.name == "workers": checkWorkers(&d)
        case .int: checkInteger(&d)
        case .int64_t: checkInt64(&d)
        case .pipelinePrefetch: checkPipelinePrefetch(&d)
        case .u_short: checkUShort(&d)
        case .b_size_t: checkRequestSize(&d)
        case .b_int64_t: checkBytes(&d, defaultUnit: "bytes")
        case .b_ssize_t: checkBytes(&d, defaultUnit: "bytes", signed: true)
        case .kb_int64_t: checkBytes(&d, defaultUnit: "KB")
        case .time_t: checkTime(&d)
        case .time_msec: checkTime(&d, minimumUnit: 0.001)
        case .string, .TokenOrQuotedString, .removalpolicy: checkString(&d)
        case .eol: checkRestOfLine(&d)
        case .address: checkAddress(&d)
        case .uri_whitespace: checkKeyword(&d, ["strip", "deny", "allow", "encode", "chop"])
        case .memcachemode: checkKeyword(&d, ["always", "disk", "network", "never"], prefixes: ["net"])
        case .configuration_includes_quoted_values: checkQuotedValuesSwitch(&d)
        case .obsolete: checkObsolete(&d)
        // ACLs and the rules that name them (ACLChecks.swift, AccessRules.swift)
        case .acl: checkACLDefinition(&d)
        case .acl_access: checkAccessRule(&d)
        case .denyinfo: checkDenyInfo(&d)
        case .peer_access: checkPeerAccess(&d)
        case .on_unsupported_protocol: checkUnsupportedProtocol(&d)
        case .http_upgrade_request_protocols: checkUpgradeProtocol(&d)
        case .AuthSchemes: checkAuthSchemes(&d)
        // values followed by an ACL list (RuleValueChecks.swift)
        case .acl_address: checkAddressRule(&d)
        case .acl_tos: checkTOSRule(&d)
        case .acl_nfmark: checkMarkRule(&d)
        case .acl_b_size_t: checkSizeRule(&d)
        case .HeaderWithAclList: checkHeaderAdd(&d)
        case .http_header_access: checkHeaderAccess(&d)
        case .http_header_replace: checkHeaderReplace(&d)
        case .ftp_epsv: checkFTPEPSV(&d)
        // families with their own files
        case .peer: checkCachePeer(&d)
        case .cachedir: checkCacheDir(&d)
        case .refreshpattern: checkRefreshPattern(&d)
        case .PortCfg: checkPort(&d)
        case .authparam: checkAuthParam(&d)
        case .access_log: checkAccessLog(&d)
        case .logformat: checkLogformat(&d)
        case .HelperChildConfig: checkHelperChildren(&d)
        case .externalAclHelper: checkExternalACLType(&d)
        case .UrlHelperTimeout: checkURLHelperTimeout(&d)
        case .icmp: checkProgram(&d)
        case .icap_service_type, .ecap_service_type: checkAdaptationService(&d)
        case .adaptation_service_set_type, .adaptation_service_chain_type: checkAdaptationGroup(&d)
        case .adaptation_access_type: checkAdaptationAccess(&d)
        case .icap_service_failure_limit: checkICAPFailureLimit(&d)
        case .note: checkNote(&d)
        case .delay_pool_count, .client_delay_pool_count: checkDelayPoolCount(&d)
        case .delay_pool_class: checkDelayClass(&d)
        case .delay_pool_rates: checkDelayRates(&d)
        case .delay_pool_access: checkDelayAccess(&d, client: false)
        case .client_delay_pool_rates: checkClientDelayRates(&d)
        case .client_delay_pool_access: checkDelayAccess(&d, client: true)
        case .response_delay_pool_parameters: checkResponseDelayPool(&d)
        case .response_delay_pool_access: checkResponseDelayPoolAccess(&d)
        case .wccp2_method: checkKeyword(&d, ["gre", "l2", "1", "2"])
        case .wccp2_amethod: checkKeyword(&d, ["hash", "mask", "1", "2"])
        case .wccp2_service: checkWCCP2Service(&d)
        case .wccp2_service_info: checkWCCP2ServiceInfo(&d)
        case .IpAddress_list: checkAddressList(&d)
        case .CpuAffinityMap: checkCPUAffinityMap(&d)
        case .hostdomaintype:
            _ = required(&d, "a peer name")
            _ = required(&d, "a peer type")
        default:
            break  // types admin configs rarely use: squid's own parser has the last word
        }
    }

    /// An obsolete directive: a warning with squid's advice; a few are fatal to squid, and
    /// `cache_peer_domain`, whose line squid drops (leaving the peer unlimited), is a weakening.
    mutating func checkObsolete(_ d: inout DirectiveLine) {
        let message = "directive '\(d.name)' is obsolete" + (d.spec.advice.first.map { ": \($0)" } ?? "")
        let convertedSSLProxy = ["sslproxy_cafile", "sslproxy_capath", "sslproxy_cipher", "sslproxy_client_certificate",
                                 "sslproxy_client_key", "sslproxy_flags", "sslproxy_options", "sslproxy_version"]
        switch d.name {
        case "log_access", "log_icap":
            error(message, at: d.location(nil))
        case let name where name.hasPrefix("sslproxy_") && !convertedSSLProxy.contains(name):
            error(message, at: d.location(nil))
        case "url_rewrite_concurrency":
            warning(message, at: d.location(nil))
            checkInteger(&d)
        case "ignore_ims_on_miss":
            warning(message, at: d.location(nil))
            checkOnOff(&d)
        case "cache_peer_domain", "cache_host_domain":
            // squid drops the line, so the peer it limited gets requests for every domain
            let peer = d.words.next().map { "'\($0.text)'" } ?? "the peer"
            weakened("'\(d.name)' is obsolete and squid ignores it: \(peer) is no longer limited to these domains; "
                     + "use 'acl NAME dstdomain ...' with 'cache_peer_access PEER allow NAME'", at: d.location(nil))
        default:
            warning(message, at: d.location(nil))
        }
    }
}
