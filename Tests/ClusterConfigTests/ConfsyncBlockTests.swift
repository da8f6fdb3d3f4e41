import Diagnostics
import Testing
@testable import ClusterConfig

/// The `confsync { }` block: ports, addresses, fingerprints, checkers.
@Suite struct ConfsyncBlockTests {
    static let pairs = (0..<32).map { String(format2: $0 * 7 % 256) }
    static let fingerprint = "SHA256:" + pairs.joined(separator: ":")

    static let source = """
        group caches { host lvs-director1 (lvs-cache1) (lvs-cache2) (lvs-cache3@10.0.0.13:7303); include /etc/squid3; }
        group directors { host lvs-director1 lvs-director2; include /etc/ldirectord.cf; }

        confsync {
            port 7400;                                   # default agent port for every host
            host lvs-cache1 { address 127.0.0.1; port 7301; fingerprint \(fingerprint.lowercased()); }
            host lvs-director2 { address 10.0.0.2; fingerprint \(fingerprint); }
            host lvs-cache2@10.0.0.12:7302;
            host lvs-cache3 { fingerprint \(fingerprint); }
            check "/etc/squid3/*.conf" squid;
            check /etc/ldirectord.cf ldirectord;
            check /etc/csync2.cfg cluster;
            check /etc/myapp.conf exec "myapp --check %f";
            check /etc/other.conf none;
            check *.conf squid;
        }
        """

    @Test func settingsOfEveryHost() {
        let (config, diagnostics) = parse(Self.source)
        #expect(diagnostics.isEmpty, "\(diagnostics.rendered())")
        #expect(config.defaultPort == 7400)
        #expect(config.hostSettings["lvs-cache1"] == HostSettings(address: "127.0.0.1", port: 7301, fingerprint: Self.fingerprint))
        #expect(config.hostSettings["lvs-cache2"] == HostSettings(address: "10.0.0.12", port: 7302))
        #expect(config.hostSettings["lvs-director2"]?.fingerprint == Self.fingerprint)

        let nodes = config.nodes(forDirector: "lvs-director1")
        #expect(nodes.map(\.name) == ["lvs-cache1", "lvs-cache2", "lvs-cache3", "lvs-director2"])
        #expect(nodes.map(\.address) == ["127.0.0.1", "10.0.0.12", "10.0.0.13", "10.0.0.2"])
        #expect(nodes.map(\.port) == [7301, 7302, 7303, 7400])
        #expect(nodes.map(\.settings.fingerprint) == [Self.fingerprint, nil, Self.fingerprint, Self.fingerprint])
    }

    @Test func fingerprintsAreNormalizedToUpperCase() {
        #expect(Fingerprint.normalized(Self.fingerprint.lowercased()) == Self.fingerprint)
        #expect(Fingerprint.normalized("sha256:" + Self.pairs.joined(separator: ":")) == Self.fingerprint)
        #expect(Fingerprint.normalized(Self.fingerprint + ":00") == nil)
        #expect(Fingerprint.normalized("SHA256:" + Self.pairs.joined()) == nil)
        #expect(Fingerprint.normalized("SHA256:" + Self.pairs.dropLast().joined(separator: ":") + ":0") == nil)
    }

    @Test(arguments: [
        ("/etc/squid3/squid.conf", CheckRule.Checker.squid),
        ("/etc/ldirectord.cf", .ldirectord),
        ("/etc/csync2.cfg", .cluster),
        ("/etc/myapp.conf", .exec("myapp --check %f")),
        ("/etc/other.conf", CheckRule.Checker.none),
        ("/opt/any.conf", .squid),
    ])
    func firstMatchingCheckRuleWins(path: String, checker: CheckRule.Checker) {
        #expect(parse(Self.source).config.checker(for: path) == checker)
    }

    @Test func noCheckRuleMeansDefault() {
        let config = parse(Self.source).config
        #expect(config.checker(for: "/etc/hosts") == nil)
        #expect(config.checks.count == 6)
        #expect(parse("group g { host a; }").config.checker(for: "/etc/squid3/squid.conf") == nil)
    }

    @Test func defaultPortWithoutBlock() {
        let config = parse("group g { host a b@b.example:7999 c@[fe80::1]:7001 d@fe80::2; }").config
        #expect(config.defaultPort == 7300)
        #expect(config.nodes(forDirector: "a").map(\.port) == [7999, 7001, 7300])
        #expect(config.nodes(forDirector: "a").map(\.address) == ["b.example", "fe80::1", "fe80::2"])
    }

    @Test func hostNotInAnyGroupIsAWarning() {
        let source = MarkedSource("group g { host a; }\nconfsync { host ⟨1⟩ghost { port 7301; } }")
        let diagnostics = parse(source.text).diagnostics
        #expect(diagnostics.map(\.severity) == [.warning])
        #expect(diagnostics.map(\.location) == [source.location(1, path: "cluster.cfg")])
        #expect(diagnostics.first?.message == "host 'ghost' of the 'confsync' block is not in any group")
    }

    @Test func confsyncWordsAreNotReservedOutsideTheBlock() {
        let (config, diagnostics) = parse("group check { host port address fingerprint confsync; include /x; }")
        #expect(diagnostics.isEmpty)
        #expect(config.groups.first?.hosts.map(\.name) == ["port", "address", "fingerprint", "confsync"])
    }
}

extension String {
    /// Two upper-case hex digits.
    init(format2 value: Int) {
        let digits = Array("0123456789ABCDEF")
        self = String([digits[value / 16 % 16], digits[value % 16]])
    }
}
