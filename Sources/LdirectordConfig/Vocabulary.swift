/// The fixed words of ldirectord.cf, as ldirectord 4.12 spells them.
enum Vocabulary {
    /// `checktype=` keywords (a number means "combined": that many connect checks).
    static let checkTypes: Set<String> = [
        "connect", "negotiate", "ping", "off", "on", "external", "external-perl",
    ]

    /// `service=` values.
    static let services: Set<String> = [
        "dns", "ftp", "http", "https", "http_proxy", "imap", "imaps", "ldap", "ldaps", "nntp",
        "mysql", "none", "oracle", "pop", "pops", "radius", "pgsql", "sip", "smtp",
        "submission", "simpletcp",
    ]

    /// `ld_port_to_service`: the service a virtual port implies when `service=` is absent.
    static func service(forPort port: Int) -> String {
        servicesByPort[port] ?? "none"
    }

    private static let servicesByPort: [Int: String] = [
        21: "ftp", 25: "smtp", 53: "dns", 80: "http", 110: "pop", 119: "nntp", 143: "imap",
        389: "ldap", 443: "https", 587: "submission", 636: "ldaps", 995: "pops", 993: "imaps",
        1521: "oracle", 1812: "radius", 3128: "http_proxy", 3306: "mysql", 5060: "sip",
        5432: "pgsql",
    ]

    /// IPVS schedulers of Linux 6.x (`ip_vs_*.ko`). ldirectord accepts any `[a-z]+`;
    /// ipvsadm fails at start for a name the kernel does not have.
    static let schedulers: Set<String> = [
        "rr", "wrr", "lc", "wlc", "lblc", "lblcr", "dh", "sh", "sed", "nq", "fo", "ovf", "mh", "twos",
    ]

    /// Facilities of syslog(3): what `logfile=` names when it is not an absolute path.
    static let syslogFacilities: Set<String> = [
        "auth", "authpriv", "cron", "daemon", "ftp", "kern", "lpr", "mail", "news", "syslog",
        "user", "uucp", "local0", "local1", "local2", "local3", "local4", "local5", "local6",
        "local7",
    ]

    /// `emailalertstatus=` words.
    static let alertStatuses: Set<String> = ["all", "none", "starting", "running", "stopping", "reloading"]

    static let forwardingMethods: Set<String> = ["gate", "masq", "ipip"]

    /// Directives of the global section.
    static let globalDirectives: [String] = [
        "autoreload", "callback", "checkcount", "checkinterval", "checktimeout", "cleanstop",
        "emailalert", "emailalertfreq", "emailalertfrom", "emailalertstatus", "execute",
        "failurecount", "fallback", "fallback6", "fallbackcommand", "fork", "logfile",
        "maintenancedir", "negotiatetimeout", "quiescent", "readdquiescent", "smtp",
        "supervised", "virtual", "virtual6",
    ]

    /// Directives of a `virtual=` block.
    static let virtualDirectives: [String] = [
        "checkcommand", "checkcount", "checkinterval", "checkport", "checktimeout", "checktype",
        "cleanstop", "comment", "database", "emailalert", "emailalertfreq", "emailalertstatus",
        "failurecount", "fallback", "fallback6", "fallbackcommand", "httpmethod", "load", "login",
        "monitorfile", "negotiatetimeout", "netmask", "ops", "passwd", "persistent", "protocol",
        "quiescent", "real", "real6", "receive", "request", "schedflags", "scheduler", "secret",
        "service", "servicename", "smtp", "virtualhost",
    ]

    /// The known word closest to `word` (at most two edits away), for "did you mean".
    static func suggestion(for word: String, among words: [String]) -> String? {
        let lower = word.lowercased()
        var best: (word: String, distance: Int)?
        for candidate in words {
            let distance = editDistance(Array(lower.utf8), Array(candidate.utf8))
            if distance <= 2, distance < (best?.distance ?? Int.max) {
                best = (candidate, distance)
            }
        }
        return best?.word
    }

    private static func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            for (j, y) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}
