import Diagnostics

/// squid compares ACL names case-insensitively: the dictionary key for a name.
enum ACLNames {
    static func key(_ name: String) -> String {
        name.utf8.contains { $0 >= 0x41 && $0 <= 0x5A } ? name.lowercased() : name
    }
}

/// An ACL defined so far: its type and where it was first defined.
struct ACLDefinition: Sendable {
    let name: String
    let type: String
    let location: SourceLocation
}

/// What `auth_param` lines set for one scheme (squid's SchemeConfig::configured()).
struct AuthScheme: Sendable {
    var program = false
    var children = 20
    var realm: Bool
    var nonceMaxDuration = true

    init(scheme: String) { realm = scheme == "basic" }  // basic has a default realm

    var configured: Bool {
        program && children != 0 && realm && nonceMaxDuration
    }
}

/// What earlier lines defined, as later lines need it.
struct ConfigState: Sendable {
    /// Defined ACLs by lower-cased name (squid compares ACL names case-insensitively).
    var acls: [String: ACLDefinition] = [:]
    /// `configuration_includes_quoted_values on` is in effect.
    var quotedValues = false
    /// Names given by `external_acl_type`.
    var externalACLTypes: Set<String> = []
    /// Names of `cache_peer`s (lower-cased; squid matches them case-insensitively).
    var peers: [String: SourceLocation] = [:]
    /// Adaptation services and sets/chains (`icap_service`, `ecap_service`, `adaptation_service_set`).
    var adaptationServices: Set<String> = []
    /// `auth_param` settings per scheme, to know whether one is fully configured.
    var authSchemes: [String: AuthScheme] = [:]
    /// `delay_pools` and `client_delay_pools` counts, and each delay pool's class.
    var delayPools = 0
    var clientDelayPools = 0
    var delayClasses: [Int: Int] = [:]
    /// `response_delay_pool` names.
    var responseDelayPools: Set<String> = []
    /// `logformat` names defined so far.
    var logformats: Set<String> = []
    /// client_request_buffer_max_size and request_header_max_size (bytes) and where they were set.
    var requestSizes: [String: (bytes: Double, location: SourceLocation)] = [:]
    /// `auth_schemes` lists, checked against `auth_param` after parsing, as squid does.
    var authSchemeLists: [(schemes: String, location: SourceLocation)] = []
    /// `ftp_epsv on|off` and `ftp_epsv allow|deny` lines must not be mixed.
    var ftpEpsvDeprecated = false
    var ftpEpsvRules = false
    /// `wccp2_service dynamic N` ids.
    var wccp2DynamicServices: Set<Int64> = []
    /// `workers`, and the ufs-family cache_dirs every worker would share.
    var workers: Int64 = 1
    var sharedDiskCaches: [SourceLocation] = []
    /// Listening ports by normalized spec, for duplicates.
    var listeningPorts: [String: SourceLocation] = [:]
    /// ACL names used before their definition: name -> first use.
    /// ACL uses before any definition, by key: the name as first written and where.
    var pendingUses: [String: (name: String, location: SourceLocation)] = [:]

    init() {
        let builtIn = SourceLocation(path: "<squid built-in>", line: 0)
        for (name, type) in [("all", "src"), ("manager", "url_regex"), ("localhost", "src"),
                             ("to_localhost", "dst"), ("CONNECT", "method")] {
            acls[ACLNames.key(name)] = ACLDefinition(name: name, type: type, location: builtIn)
        }
    }
}
