/// Port names as ldirectord resolves them with getservbyname(3), from a built-in copy
/// of the common entries of Debian 12's /etc/services (netbase 6.4) instead of the
/// local file: the checker does no I/O, and a commit is checked the same way on every
/// director. Names are case-sensitive, as in getservbyname.
enum ServiceTable {
    /// What a port field (`:80`, `:http`) means for one protocol.
    enum Lookup: Equatable, Sendable {
        case port(Int)
        /// Digits, but 65536 or more.
        case outOfRange
        /// In the table, but not for this protocol (`http` has no udp entry).
        case wrongProtocol(Int)
        /// Not in the table: the local /etc/services may still know it.
        case unknown
    }

    /// `ld_getservbyname(name, protocol)`: digits are a port below 65536; otherwise a
    /// service name for `protocol` ("tcp", "udp", ...; nil for any protocol).
    static func lookup(_ name: String, protocol protocolName: String?) -> Lookup {
        if !name.isEmpty, name.utf8.allSatisfy(IPv4Text.isDigit) {
            let digits = name.drop { $0 == "0" }
            guard digits.count <= 5, let value = Int(digits.isEmpty ? "0" : digits), value < 65536 else {
                return .outOfRange
            }
            return .port(value)
        }
        // getservbyname takes the first line, in /etc/services order, with the name or alias
        guard let candidates = byName[name], let first = candidates.first else { return .unknown }
        guard let protocolName else { return .port(first.port) }
        let match = candidates.first { entry in
            (protocolName == "tcp" && entry.tcp) || (protocolName == "udp" && entry.udp)
        }
        return match.map { .port($0.port) } ?? .wrongProtocol(first.port)
    }

    private static let byName: [String: [ServiceEntry]] = {
        var table: [String: [ServiceEntry]] = [:]
        for entry in entries {
            for name in Set([entry.name] + entry.aliases) {
                table[name, default: []].append(entry)
            }
        }
        return table
    }()

    private static let entries: [ServiceEntry] = [
        ServiceEntry("ftp-data", 20, tcp: true, udp: false),
        ServiceEntry("ftp", 21, tcp: true, udp: false),
        ServiceEntry("ssh", 22, tcp: true, udp: false),
        ServiceEntry("telnet", 23, tcp: true, udp: false),
        ServiceEntry("smtp", 25, tcp: true, udp: false, aliases: ["mail"]),
        ServiceEntry("whois", 43, tcp: true, udp: false, aliases: ["nicname"]),
        ServiceEntry("tacacs", 49, tcp: true, udp: true),
        ServiceEntry("domain", 53, tcp: true, udp: true),
        ServiceEntry("bootps", 67, tcp: false, udp: true),
        ServiceEntry("bootpc", 68, tcp: false, udp: true),
        ServiceEntry("tftp", 69, tcp: false, udp: true),
        ServiceEntry("gopher", 70, tcp: true, udp: false),
        ServiceEntry("finger", 79, tcp: true, udp: false),
        ServiceEntry("http", 80, tcp: true, udp: false, aliases: ["www"]),
        ServiceEntry("kerberos", 88, tcp: true, udp: true, aliases: ["kerberos5", "krb5", "kerberos-sec"]),
        ServiceEntry("pop3", 110, tcp: true, udp: false, aliases: ["pop-3"]),
        ServiceEntry("sunrpc", 111, tcp: true, udp: true, aliases: ["portmapper"]),
        ServiceEntry("auth", 113, tcp: true, udp: false, aliases: ["authentication", "tap", "ident"]),
        ServiceEntry("nntp", 119, tcp: true, udp: false, aliases: ["readnews", "untp"]),
        ServiceEntry("ntp", 123, tcp: false, udp: true),
        ServiceEntry("netbios-ns", 137, tcp: false, udp: true),
        ServiceEntry("netbios-dgm", 138, tcp: false, udp: true),
        ServiceEntry("netbios-ssn", 139, tcp: true, udp: false),
        ServiceEntry("imap2", 143, tcp: true, udp: false, aliases: ["imap"]),
        ServiceEntry("snmp", 161, tcp: true, udp: true),
        ServiceEntry("snmp-trap", 162, tcp: true, udp: true, aliases: ["snmptrap"]),
        ServiceEntry("bgp", 179, tcp: true, udp: false),
        ServiceEntry("ldap", 389, tcp: true, udp: true),
        ServiceEntry("https", 443, tcp: true, udp: true),
        ServiceEntry("microsoft-ds", 445, tcp: true, udp: false),
        ServiceEntry("kpasswd", 464, tcp: true, udp: true),
        ServiceEntry("submissions", 465, tcp: true, udp: false, aliases: ["ssmtp", "smtps", "urd"]),
        ServiceEntry("shell", 514, tcp: true, udp: false, aliases: ["cmd", "syslog"]),
        ServiceEntry("syslog", 514, tcp: false, udp: true),
        ServiceEntry("printer", 515, tcp: true, udp: false, aliases: ["spooler"]),
        ServiceEntry("rtsp", 554, tcp: true, udp: true),
        ServiceEntry("submission", 587, tcp: true, udp: false),
        ServiceEntry("ipp", 631, tcp: true, udp: false),
        ServiceEntry("ldaps", 636, tcp: true, udp: true),
        ServiceEntry("domain-s", 853, tcp: true, udp: true),
        ServiceEntry("rsync", 873, tcp: true, udp: false),
        ServiceEntry("ftps-data", 989, tcp: true, udp: false),
        ServiceEntry("ftps", 990, tcp: true, udp: false),
        ServiceEntry("telnets", 992, tcp: true, udp: false),
        ServiceEntry("imaps", 993, tcp: true, udp: false),
        ServiceEntry("pop3s", 995, tcp: true, udp: false),
        ServiceEntry("isakmp", 500, tcp: false, udp: true),
        ServiceEntry("socks", 1080, tcp: true, udp: false),
        ServiceEntry("openvpn", 1194, tcp: true, udp: true),
        ServiceEntry("ms-sql-s", 1433, tcp: true, udp: false),
        ServiceEntry("ms-sql-m", 1434, tcp: false, udp: true),
        ServiceEntry("radius", 1812, tcp: true, udp: true),
        ServiceEntry("radius-acct", 1813, tcp: true, udp: true, aliases: ["radacct"]),
        ServiceEntry("nfs", 2049, tcp: true, udp: true),
        ServiceEntry("cvspserver", 2401, tcp: true, udp: false),
        ServiceEntry("sieve", 4190, tcp: true, udp: false),
        ServiceEntry("mysql", 3306, tcp: true, udp: false),
        ServiceEntry("ms-wbt-server", 3389, tcp: true, udp: false),
        ServiceEntry("nut", 3493, tcp: true, udp: true),
        ServiceEntry("distcc", 3632, tcp: true, udp: false),
        ServiceEntry("svn", 3690, tcp: true, udp: false, aliases: ["subversion"]),
        ServiceEntry("iscsi-target", 3260, tcp: true, udp: false),
        ServiceEntry("gpsd", 2947, tcp: true, udp: false),
        ServiceEntry("epmd", 4369, tcp: true, udp: false),
        ServiceEntry("ipsec-nat-t", 4500, tcp: false, udp: true),
        ServiceEntry("munin", 4949, tcp: true, udp: false, aliases: ["lrrd"]),
        ServiceEntry("sip", 5060, tcp: true, udp: true),
        ServiceEntry("sip-tls", 5061, tcp: true, udp: true),
        ServiceEntry("xmpp-client", 5222, tcp: true, udp: false, aliases: ["jabber-client"]),
        ServiceEntry("xmpp-server", 5269, tcp: true, udp: false, aliases: ["jabber-server"]),
        ServiceEntry("mdns", 5353, tcp: false, udp: true),
        ServiceEntry("postgresql", 5432, tcp: true, udp: false, aliases: ["postgres"]),
        ServiceEntry("amqps", 5671, tcp: true, udp: false),
        ServiceEntry("amqp", 5672, tcp: true, udp: false),
        ServiceEntry("redis", 6379, tcp: true, udp: false),
        ServiceEntry("syslog-tls", 6514, tcp: true, udp: false),
        ServiceEntry("nrpe", 5666, tcp: true, udp: false),
        ServiceEntry("ircd", 6667, tcp: true, udp: false),
        ServiceEntry("ircs-u", 6697, tcp: true, udp: false),
        ServiceEntry("http-alt", 8080, tcp: true, udp: false, aliases: ["webcache"]),
        ServiceEntry("tproxy", 8081, tcp: true, udp: false),
        ServiceEntry("puppet", 8140, tcp: true, udp: false),
        ServiceEntry("git", 9418, tcp: true, udp: false),
        ServiceEntry("webmin", 10000, tcp: true, udp: false),
        ServiceEntry("zabbix-agent", 10050, tcp: true, udp: false),
        ServiceEntry("zabbix-trapper", 10051, tcp: true, udp: false),
        ServiceEntry("hkp", 11371, tcp: true, udp: false),
    ]
}

/// One /etc/services line pair (tcp and udp) with its aliases.
private struct ServiceEntry: Sendable {
    let name: String
    let port: Int
    let tcp: Bool
    let udp: Bool
    let aliases: [String]

    init(_ name: String, _ port: Int, tcp: Bool, udp: Bool, aliases: [String] = []) {
        self.name = name
        self.port = port
        self.tcp = tcp
        self.udp = udp
        self.aliases = aliases
    }
}
