/// How an ACL type's values are written (squid 5.7's ACLData classes).
enum ACLValueKind: Sendable {
    case ip, intRange, method, proto, time, regex, domain, string, user, header, hierCode
    case httpStatus, maxconn, random, note, annotation, squidError, has, transactionInitiator
    case noValue, ethernet, eui64, asNumber, external, adaptationService, connMark, aclNames, maxUserIP
}

/// One ACL type: its value kind and the `-x` options it accepts.
struct ACLTypeSpec: Sendable {
    let kind: ACLValueKind
    /// Options (`-n`, `-m`, `-s`) and parameter flags (`-i`, `+i`).
    let options: Set<String>
}

/// The ACL types of squid 5.7 as Debian builds it (AclRegs.cc; no OpenSSL, so no ssl_error etc.).
enum ACLTypes {
    static let regexFlags: Set<String> = ["-i", "+i"]

    static let all: [String: ACLTypeSpec] = [
        "all-of": .init(kind: .aclNames, options: []),
        "any-of": .init(kind: .aclNames, options: []),
        "random": .init(kind: .random, options: []),
        "time": .init(kind: .time, options: []),
        "src_as": .init(kind: .asNumber, options: []),
        "dst_as": .init(kind: .asNumber, options: []),
        "browser": .init(kind: .regex, options: regexFlags),
        "dstdomain": .init(kind: .domain, options: ["-n"]),
        "dstdom_regex": .init(kind: .regex, options: regexFlags.union(["-n"])),
        "dst": .init(kind: .ip, options: ["-n"]),
        "hier_code": .init(kind: .hierCode, options: []),
        "rep_header": .init(kind: .header, options: regexFlags),
        "req_header": .init(kind: .header, options: regexFlags),
        "http_status": .init(kind: .httpStatus, options: []),
        "maxconn": .init(kind: .maxconn, options: []),
        "method": .init(kind: .method, options: []),
        "localip": .init(kind: .ip, options: []),
        "localport": .init(kind: .intRange, options: []),
        "myportname": .init(kind: .string, options: []),
        "peername": .init(kind: .string, options: []),
        "peername_regex": .init(kind: .regex, options: regexFlags),
        "proto": .init(kind: .proto, options: []),
        "referer_regex": .init(kind: .regex, options: regexFlags),
        "rep_mime_type": .init(kind: .regex, options: regexFlags),
        "req_mime_type": .init(kind: .regex, options: regexFlags),
        "srcdomain": .init(kind: .domain, options: []),
        "srcdom_regex": .init(kind: .regex, options: regexFlags),
        "src": .init(kind: .ip, options: []),
        "url_regex": .init(kind: .regex, options: regexFlags),
        "urllogin": .init(kind: .regex, options: regexFlags),
        "urlpath_regex": .init(kind: .regex, options: regexFlags),
        "port": .init(kind: .intRange, options: []),
        "external": .init(kind: .external, options: []),
        "squid_error": .init(kind: .squidError, options: []),
        "connections_encrypted": .init(kind: .noValue, options: []),
        "tag": .init(kind: .string, options: []),
        "note": .init(kind: .note, options: ["-m"]),
        "annotate_client": .init(kind: .annotation, options: []),
        "annotate_transaction": .init(kind: .annotation, options: []),
        "has": .init(kind: .has, options: []),
        "transaction_initiator": .init(kind: .transactionInitiator, options: []),
        "client_connection_mark": .init(kind: .connMark, options: []),
        "arp": .init(kind: .ethernet, options: []),
        "eui64": .init(kind: .eui64, options: []),
        "ident": .init(kind: .user, options: regexFlags),
        "ident_regex": .init(kind: .regex, options: regexFlags),
        "ext_user": .init(kind: .user, options: regexFlags),
        "ext_user_regex": .init(kind: .regex, options: regexFlags),
        "proxy_auth": .init(kind: .user, options: regexFlags),
        "proxy_auth_regex": .init(kind: .regex, options: regexFlags),
        "max_user_ip": .init(kind: .maxUserIP, options: ["-s"]),
        "adaptation_service": .init(kind: .adaptationService, options: []),
        "snmp_community": .init(kind: .string, options: []),
    ]

    /// Old type names squid 5.7 still accepts, with their new names.
    static let renamed: [String: String] = [
        "myip": "localip", "myport": "localport", "clientside_mark": "client_connection_mark",
    ]

    /// Types squid has but this build lacks (they need OpenSSL).
    static let needsOpenSSL: Set<String> = [
        "ssl_error", "user_cert", "ca_cert", "server_cert_fingerprint", "at_step",
        "ssl::server_name", "ssl::server_name_regex",
    ]

    static let hierCodes: Set<String> = [
        "NONE", "HIER_NONE", "DIRECT", "HIER_DIRECT", "SIBLING_HIT", "PARENT_HIT", "DEFAULT_PARENT",
        "SINGLE_PARENT", "FIRSTUP_PARENT", "FIRST_PARENT_MISS", "CLOSEST_PARENT_MISS", "CLOSEST_PARENT",
        "CLOSEST_DIRECT", "NO_DIRECT_FAIL", "SOURCE_FASTEST", "ROUNDROBIN_PARENT", "CACHE_DIGEST_HIT",
        "CD_PARENT_HIT", "CD_SIBLING_HIT", "NO_CACHE_DIGEST_DIRECT", "CARP", "ANY_OLD_PARENT",
        "USERHASH_PARENT", "SOURCEHASH_PARENT", "PINNED", "ORIGINAL_DST", "STANDBY_POOL",
    ]

    /// Annotation names squid keeps for its helper protocol (Notes::ReservedKeys).
    static let reservedNoteKeys: Set<String> = [
        "group", "ha1", "log", "message", "password", "rewrite-url", "status", "tag", "ttl", "url", "user",
    ]

    static let transactionInitiators: Set<String> = [
        "client", "peer-pool", "certificate-fetching", "esi", "cache-digest", "server", "htcp", "icp", "icmp",
        "asn", "ipc", "adaptation", "icon", "peer-mcast", "internal", "all",
    ]
}
