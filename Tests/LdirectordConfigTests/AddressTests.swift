import TestSupport
import Testing

@testable import LdirectordConfig

/// Numeric addresses as glibc reads them, host names, and port names.
@Suite struct AddressTests {
    @Test(arguments: [
        ("10.0.0.1", "10.0.0.1"), ("10.1", "10.0.0.1"), ("10.0.1", "10.0.0.1"), ("167772161", "10.0.0.1"),
        ("010.0.0.1", "8.0.0.1"), ("0x0a.0.0.1", "10.0.0.1"), ("0XA.0.0.1", "10.0.0.1"), ("0", "0.0.0.0"),
        ("255.255.255.255", "255.255.255.255"), ("1.2.65535", "1.2.255.255"),
    ])
    func ipv4Forms(_ text: String, _ address: String) {
        #expect(IPv4Text.parse(Array(text.utf8)).map { NumericAddress.v4($0).description } == address)
    }

    @Test(arguments: ["", "1.2.3.256", "1.2.3.4.5", "08.0.0.1", "0x", "1..2", "1.2.3.", "a.b.c.d", " 1.2.3.4", "1.2.3.4 ", "4294967296", "1.2.65536"])
    func notIPv4(_ text: String) {
        #expect(IPv4Text.parse(Array(text.utf8)) == nil)
    }

    @Test(arguments: [("10.0.0.1", true), ("10.1", false), ("010.0.0.1", false), ("10.0.0.01", false), ("0.0.0.0", true)])
    func plainDottedQuad(_ text: String, _ plain: Bool) {
        #expect(IPv4Text.isDottedQuad(Array(text.utf8)) == plain)
    }

    @Test(arguments: [
        ("::", "::"), ("::1", "::1"), ("2001:db8::1", "2001:db8::1"), ("2001:DB8:0:0:0:0:0:1", "2001:db8::1"),
        ("1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8"), ("::ffff:10.0.0.1", "::ffff:10.0.0.1"), ("::ffff:a00:1", "::ffff:10.0.0.1"), ("1::", "1::"),
        ("1:0:0:2:0:0:0:3", "1:0:0:2::3"),
    ])
    func ipv6Forms(_ text: String, _ canonical: String) {
        #expect(IPv6Text.parse(Array(text.utf8)).map(IPv6Text.format) == canonical)
    }

    @Test(arguments: ["", ":", ":1", "1:", "1:::2", "2001::db8::1", "12345::1", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7::8", "::1.2.3.04", "g::1"])
    func notIPv6(_ text: String) {
        #expect(IPv6Text.parse(Array(text.utf8)) == nil)
    }

    @Test(arguments: [
        ("web1", nil), ("www.example.com", nil), ("example.com.", nil), ("host_name", nil),
        ("10.0.0.300", "octet 300 is out of range (0-255)"), ("-web", "a host name label cannot start or end with '-'"),
        ("a..b", "empty label in host name"), ("1.2.3.4.5", "not a valid IPv4 address"),
        ("10.0.0.2-10.0.0.5", "not a valid IPv4 address or host name (the last label is numeric)"),
        ("web+1", "character '+' cannot appear in a host name"),
    ] as [(String, String?)])
    func hostNames(_ name: String, _ problem: String?) {
        #expect(HostName.problem(Array(name.utf8)[...]) == problem)
    }

    @Test(arguments: [
        ("80", "tcp", ServiceTable.Lookup.port(80)), ("0080", "tcp", .port(80)), ("0", nil, .port(0)),
        ("65536", "tcp", .outOfRange), ("http", "tcp", .port(80)), ("www", "tcp", .port(80)),
        ("http", "udp", .wrongProtocol(80)), ("http", nil, .port(80)), ("domain", "udp", .port(53)),
        ("ntp", "tcp", .wrongProtocol(123)), ("HTTP", "tcp", .unknown), ("http", "fwm", .wrongProtocol(80)),
        ("imap", "tcp", .port(143)), ("postgres", "tcp", .port(5432)),
    ] as [(String, String?, ServiceTable.Lookup)])
    func ports(_ name: String, _ protocolName: String?, _ lookup: ServiceTable.Lookup) {
        #expect(ServiceTable.lookup(name, protocol: protocolName) == lookup)
    }

    /// glibc's own reading of the same texts for each family (perl's Socket6::getaddrinfo
    /// with AI_NUMERICHOST; ldirectord's ld_gethostbyname calls it without the flag).
    @Test(.enabled(if: Perl.isAvailable)) func numericAddressesMatchGlibc() throws {
        var generator = SplitMix64(seed: 2_001)
        let pieces = ["0", "1", "9", "10", "255", "256", "0x", "a", "f", "F", "g", ".", ":", "::", "08", "01"]
        let inputs = ["10.1", "0x0a.1", "::ffff:1.2.3.4", "1:2:3:4:5:6:7::8", "::1.2.3.04", "4294967295", "4294967296"]
            + generator.strings(3000, from: pieces, maxLength: 9)
        let script = #"""
            use Socket; use Socket6;
            while (my $l = <STDIN>) { chomp $l; my @out;
              for my $af (AF_INET, AF_INET6) {
                my @r = getaddrinfo($l, 0, $af, 0, 0, AI_NUMERICHOST);
                if (@r >= 5) { my ($h) = getnameinfo($r[3], NI_NUMERICHOST | NI_NUMERICSERV); push @out, $h }
                else { push @out, "-" } }
              print join(" ", @out), "\n" }
            """#
        let glibc = try Perl.run(script, input: inputs)
        try #require(glibc.count == inputs.count)
        for (input, expected) in zip(inputs, glibc) where !input.isEmpty {
            let span = LineText(number: 1, bytes: Array(input.utf8)[...]).all
            let readings = [AddressFamily.inet, .inet6].map { family -> String in
                if case .numeric(let address, _) = HostReading(span, family: family) { return address.description }
                return "-"
            }
            #expect(readings.joined(separator: " ") == expected, "input: \(input)")
        }
    }

    /// The built-in service table agrees with this machine's /etc/services.
    @Test(.enabled(if: Perl.isAvailable)) func serviceTableMatchesEtcServices() throws {
        let names = ["http", "www", "https", "domain", "smtp", "mail", "ssh", "ntp", "imap", "imap2", "pop3", "pop-3",
                     "ldap", "ldaps", "mysql", "postgresql", "postgres", "radius", "sip", "http-alt", "webcache",
                     "submission", "imaps", "pop3s", "ftp", "snmp", "syslog", "kerberos", "krb5", "nfs", "redis"]
        let script = #"""
            while (my $l = <STDIN>) { chomp $l; my @out;
              for my $p ("tcp", "udp") { my @s = getservbyname($l, $p); push @out, @s ? $s[2] : "-" }
              print join(" ", @out), "\n" }
            """#
        let system = try Perl.run(script, input: names)
        try #require(system.count == names.count)
        for (name, expected) in zip(names, system) {
            let ours = ["tcp", "udp"].map { protocolName -> String in
                if case .port(let port) = ServiceTable.lookup(name, protocol: protocolName) { return String(port) }
                return "-"
            }.joined(separator: " ")
            #expect(ours == expected, "service \(name)")
        }
    }
}
