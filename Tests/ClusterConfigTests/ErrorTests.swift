import Diagnostics
import Testing
@testable import ClusterConfig

/// Every error, at its marked position, all of them (not only the first).
@Suite struct ErrorTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let source: String
        /// Marker number -> a fragment of the message expected there.
        let errors: [Int: String]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "unknown top-level statement",
             source: "⟨1⟩frobnicate yes;\ngroup g { host a; }\n",
             errors: [1: "unknown statement 'frobnicate' at top level"]),
        Case(name: "unknown top-level block is skipped whole",
             source: "⟨1⟩frobnicate { host x; }\ngroup g { host a; }\n",
             errors: [1: "unknown statement 'frobnicate'"]),
        Case(name: "unknown group statement",
             source: "group g {\n\thost a;\n\t⟨1⟩flags x;\n}\n",
             errors: [1: "unknown statement 'flags' in group 'g'"]),
        Case(name: "unknown action statement",
             source: "group g { host a; action { pattern /x; exec \"y\"; ⟨1⟩run z; } }",
             errors: [1: "unknown statement 'run' in action"]),
        Case(name: "missing semicolon before the next statement",
             source: "group g {\n\thost a b⟨1⟩\n\tinclude /etc;\n}\n",
             errors: [1: "expected ';' after 'host' statement"]),
        Case(name: "missing semicolon before the closing brace",
             source: "group g { host a; include /etc⟨1⟩ }",
             errors: [1: "expected ';' after 'include' statement"]),
        Case(name: "unexpected token in a statement",
             source: "group g { host a; key /k ⟨1⟩{ x }; include /etc; }",
             errors: [1: "unexpected '{' in 'key' statement"]),
        Case(name: "unterminated string",
             source: "group g ⟨3⟩{\n\thost a;\n\tinclude⟨2⟩ ⟨1⟩\"/etc;\n}\n",
             errors: [1: "unterminated string", 2: "expected ';' after 'include'", 3: "unterminated group 'g'"]),
        Case(name: "unterminated group",
             source: "group g ⟨1⟩{\n\thost a;\n",
             errors: [1: "unterminated group 'g': missing '}'"]),
        Case(name: "unterminated action",
             source: "group g ⟨2⟩{\n\thost a;\n\taction ⟨1⟩{ pattern /x; exec \"y\";\n",
             errors: [1: "unterminated action in group 'g'", 2: "unterminated group 'g'"]),
        Case(name: "missing opening brace",
             source: "group g ⟨1⟩host a;\ngroup h { host b; }",
             errors: [1: "expected '{' after group 'g'"]),
        Case(name: "include pattern with a '..' component",
             source: "group g { host a; include /etc/squid ⟨1⟩/etc/squid/../shadow; }",
             errors: [1: "pattern '/etc/squid/../shadow' has a '..' component: nodes refuse such paths; write it as '/etc/shadow'"]),
        Case(name: "exclude pattern with a '.' or empty component",
             source: "group g { host a; include /etc; exclude ⟨1⟩/etc/./x ⟨2⟩/etc//y; }",
             errors: [1: "pattern '/etc/./x' has a '.' component", 2: "pattern '/etc//y' has an empty component ('//')"]),
        Case(name: "prefixed pattern with a '..' component",
             source: "prefix p { on *: /srv; }\ngroup g { host a; include ⟨1⟩%p%/../etc; }",
             errors: [1: "pattern '%p%/../etc' has a '..' component: nodes refuse such paths"]),
        Case(name: "prefix path with a '..' component",
             source: "prefix p { on *: ⟨1⟩/srv/../etc; }\ngroup g { host a; include %p%/x; }",
             errors: [1: "prefix path '/srv/../etc' has a '..' component: nodes refuse such paths; write it as '/etc'"]),
        Case(name: "action logfile with a '..' component",
             source: "group g { host a; include /etc; action { pattern /etc; exec \"y\"; logfile ⟨1⟩/var/log/../x.log; } }",
             errors: [1: "logfile '/var/log/../x.log' has a '..' component"]),
        Case(name: "action with two verify commands",
             source: "group g { host a; include /etc; action { pattern /etc; exec \"y\"; verify \"a %%\"; ⟨1⟩verify \"b %%\"; } }",
             errors: [1: "action has more than one 'verify'"]),
        Case(name: "group without hosts",
             source: "group ⟨1⟩g { include /etc; }",
             errors: [1: "group 'g' has no hosts"]),
        Case(name: "unnamed group without hosts",
             source: "⟨1⟩group { include /etc; }",
             errors: [1: "group 'group_1' has no hosts"]),
        Case(name: "host listed twice (case-insensitive)",
             source: "group g { host a (b) ⟨1⟩A; }",
             errors: [1: "host 'a' is listed twice in group 'g'"]),
        Case(name: "nested parentheses",
             source: "group g { host (a ⟨1⟩(b); }",
             errors: [1: "'(' inside '(...)'"]),
        Case(name: "missing closing parenthesis",
             source: "group g { host ⟨1⟩(a b; }",
             errors: [1: "missing ')'"]),
        Case(name: "closing parenthesis without opening one",
             source: "group g { host a ⟨1⟩); }",
             errors: [1: "')' without '('"]),
        Case(name: "address missing after @",
             source: "group g { host a@⟨1⟩; }",
             errors: [1: "expected an address after 'a@'"]),
        Case(name: "action timeout that is not a duration",
             source: "group g { host a; action { exec \"y\"; timeout ⟨1⟩soon; timeout ⟨2⟩0; timeout ⟨3⟩25h; timeout ⟨4⟩5x; } }",
             errors: [1: "'timeout' needs a duration", 2: "not '0'", 3: "not '25h'", 4: "not '5x'"]),
        Case(name: "action with two timeouts",
             source: "group g { host a; action { exec \"y\"; timeout 5; ⟨1⟩timeout 6; } }",
             errors: [1: "action has more than one 'timeout'"]),
        Case(name: "action timeout without a value",
             source: "group g { host a; action { exec \"y\"; timeout⟨1⟩; } }",
             errors: [1: "'timeout' needs a duration"]),
        Case(name: "action without exec",
             source: "group g { host a; ⟨1⟩action { pattern /x; } }",
             errors: [1: "action has no 'exec' command"]),
        Case(name: "bad port on a host line",
             source: "group g { host a@⟨1⟩10.0.0.1:70000; }",
             errors: [1: "bad port '70000' for host 'a'"]),
        Case(name: "bad default port",
             source: "confsync { port ⟨1⟩http; }",
             errors: [1: "bad port 'http'"]),
        Case(name: "bad host port",
             source: "group g { host a; }\nconfsync { host a { port ⟨1⟩0; } }",
             errors: [1: "bad port '0'"]),
        Case(name: "bad port after @ in the confsync block",
             source: "group g { host a; }\nconfsync { host a@⟨1⟩10.0.0.1:-1; }",
             errors: [1: "bad port '-1' for host 'a'"]),
        Case(name: "fingerprint too short",
             source: "group g { host a; }\nconfsync { host a { fingerprint ⟨1⟩SHA256:AB:CD; } }",
             errors: [1: "bad fingerprint 'SHA256:AB:CD' for host 'a'"]),
        Case(name: "fingerprint not hex",
             source: "group g { host a; }\nconfsync { host a { fingerprint ⟨1⟩SHA256:\(Array(repeating: "ZZ", count: 32).joined(separator: ":")); } }",
             errors: [1: "bad fingerprint"]),
        Case(name: "fingerprint of another digest",
             source: "group g { host a; }\nconfsync { host a { fingerprint ⟨1⟩SHA1:\(Array(repeating: "AB", count: 32).joined(separator: ":")); } }",
             errors: [1: "bad fingerprint"]),
        Case(name: "duplicate group name",
             source: "group g { host a; }\ngroup ⟨1⟩g { host b; }",
             errors: [1: "duplicate group name 'g'"]),
        Case(name: "config file that cannot be loaded",
             source: "config ⟨1⟩/etc/missing.cfg;\ngroup g { host a; }\n",
             errors: [1: "cannot load config file '/etc/missing.cfg'"]),
        Case(name: "config without semicolon",
             source: "config ⟨1⟩/etc/missing.cfg⟨2⟩\ngroup g { host a; }\n",
             errors: [1: "cannot load config file", 2: "expected ';' after the 'config' file name"]),
        Case(name: "unknown prefix",
             source: "group g { host a; include ⟨1⟩%nosuch%/x; }",
             errors: [1: "unknown prefix '%nosuch%'"]),
        Case(name: "unknown prefix in an action pattern",
             source: "group g { host a; include /x; action { pattern ⟨1⟩%nosuch%/x; exec \"y\"; } }",
             errors: [1: "unknown prefix '%nosuch%'"]),
        Case(name: "prefix without a path for one host",
             source: "prefix p { on a: /srv; }\ngroup g { host a b; include ⟨1⟩%p%/x; }",
             errors: [1: "prefix '%p%' has no path for host 'b' of group 'g'"]),
        Case(name: "relative prefix path",
             source: "prefix p { on *: ⟨1⟩srv; }",
             errors: [1: "prefix path 'srv' is not an absolute path"]),
        Case(name: "prefix rule without colon",
             source: "prefix p { on *⟨1⟩ /srv; }",
             errors: [1: "expected ':' after host pattern '*'"]),
        Case(name: "unknown auto method",
             source: "group g { host a; auto ⟨1⟩left-right-lost; }",
             errors: [1: "unknown auto method 'left-right-lost'"]),
        Case(name: "second auto method",
             source: "group g { host a; auto none; ⟨1⟩auto left; }",
             errors: [1: "more than one auto method"]),
        Case(name: "second key",
             source: "group g { host a; key /k1; ⟨1⟩key /k2; }",
             errors: [1: "group 'g' has more than one key"]),
        Case(name: "key with two values",
             source: "group g { host a; key /k1 ⟨1⟩/k2; }",
             errors: [1: "'key' takes one value, found 2"]),
        Case(name: "unknown ignore property",
             source: "ignore uid ⟨1⟩owner;",
             errors: [1: "unknown 'ignore' property 'owner'"]),
        Case(name: "nossl with one pattern",
             source: "⟨1⟩nossl a;",
             errors: [1: "'nossl' takes two host patterns, found 1"]),
        Case(name: "lock-timeout not a number",
             source: "lock-timeout ⟨1⟩soon;",
             errors: [1: "'lock-timeout' needs a number of seconds"]),
        Case(name: "no-cygwin-lowercase off Cygwin",
             source: "⟨1⟩no-cygwin-lowercase;",
             errors: [1: "only accepted by csync2 built for Cygwin"]),
        Case(name: "unknown checker",
             source: "confsync { check /etc/x ⟨1⟩apache; }",
             errors: [1: "unknown checker 'apache'"]),
        Case(name: "exec checker without command",
             source: "confsync { check /etc/x exec⟨1⟩; }",
             errors: [1: "'exec' needs a command"]),
        Case(name: "unknown confsync statement",
             source: "confsync { ⟨1⟩listen 0.0.0.0; }",
             errors: [1: "unknown statement 'listen' in the 'confsync' block"]),
        Case(name: "missing semicolon in a confsync host block",
             source: "group g { host a; }\nconfsync { host a { address 10.0.0.1⟨1⟩\n port 7301; } }",
             errors: [1: "expected ';' after 'address' statement"]),
        Case(name: "host given twice in the confsync block",
             source: "group g { host a; }\nconfsync {\n host a { port 7301; }\n host ⟨1⟩A { port 7302; }\n}",
             errors: [1: "host 'a' appears twice in the 'confsync' block"]),
        Case(name: "setting given twice for a host",
             source: "group g { host a; }\nconfsync { host a { port 7301; ⟨1⟩port 7302; } }",
             errors: [1: "'port' is set twice for host 'a'"]),
        Case(name: "braces glued together are one word, as in csync2",
             source: "group g ⟨2⟩{ host a; ⟨1⟩}}\n",
             errors: [1: "csync2 reads '}}' as one word", 2: "unterminated group 'g'"]),
        Case(name: "empty statement",
             source: "group g { host a;⟨1⟩; }",
             errors: [1: "unknown statement ';' in group 'g'"]),
        Case(name: "semicolon after an action block",
             source: "group g { host a; action { exec \"x\"; }⟨1⟩; }",
             errors: [1: "unknown statement ';' in group 'g'"]),
        Case(name: "stray closing brace",
             source: "group g { host a; }\n⟨1⟩}\n",
             errors: [1: "unknown statement '}' at top level"]),
        Case(name: "a quoted keyword is a name, a bare one is not",
             source: "group g { host \"host\"; }\ngroup ⟨1⟩h { host⟨2⟩ include; }",
             errors: [1: "group 'h' has no hosts", 2: "expected ';' after 'host' statement"]),
        Case(name: "several errors in one file are all reported",
             source: """
                group ⟨1⟩empty { include /etc; }
                group g {
                \thost a ⟨2⟩a;
                \t⟨3⟩bogus;
                \tauto ⟨4⟩never;
                }
                group ⟨5⟩empty { host b; }
                confsync { port ⟨6⟩99999; }
                """,
             errors: [
                1: "group 'empty' has no hosts", 2: "listed twice", 3: "unknown statement 'bogus'",
                4: "unknown auto method", 5: "duplicate group name 'empty'", 6: "bad port",
             ]),
    ]

    @Test(arguments: cases)
    func reportsEveryError(_ c: Case) {
        let source = MarkedSource(c.source)
        let errors = parse(source.text).diagnostics.filter { $0.severity == .error }
        let expected = c.errors.sorted { source.location($0.key, path: "cluster.cfg") < source.location($1.key, path: "cluster.cfg") }
        #expect(errors.map(\.location) == expected.map { source.location($0.key, path: "cluster.cfg") }, "\(errors.rendered())")
        for (error, (_, fragment)) in zip(errors, expected) {
            #expect(error.message.contains(fragment), "\(error.message)")
        }
    }

    @Test func duplicateHostPointsAtTheFirstOne() throws {
        let source = MarkedSource("group g { host ⟨1⟩a b ⟨2⟩a; }")
        let error = try #require(parse(source.text).diagnostics.first)
        #expect(error.location == source.location(2, path: "cluster.cfg"))
        #expect(error.notes.map(\.location) == [source.location(1, path: "cluster.cfg")])
    }

    @Test func duplicateGroupPointsAtTheFirstOne() throws {
        let source = MarkedSource("group ⟨1⟩g { host a; }\ngroup ⟨2⟩g { host a; }")
        let error = try #require(parse(source.text).diagnostics.first)
        #expect(error.location == source.location(2, path: "cluster.cfg"))
        #expect(error.notes.map(\.location) == [source.location(1, path: "cluster.cfg")])
        #expect(error.description.hasPrefix("cluster.cfg:2:7: error: duplicate group name 'g'"))
    }
}

@Suite struct VerifyStatementTests {
    @Test func verifyIsReadAndTravelsWithTheAction() throws {
        let text = "group g { host a (n); include /etc/squid; action { pattern /etc/squid/squid.conf; verify \"squid -k parse -f %%\"; exec \"reload\"; } }"
        let (config, diagnostics) = ClusterConfig.parse(text, path: "c.cfg") { _ in nil }
        #expect(!diagnostics.hasErrors, "\(diagnostics.rendered())")
        let actions = config.actions(for: ["/etc/squid/squid.conf"], node: "n", director: "a")
        #expect(actions.map(\.action.verify) == ["squid -k parse -f %%"])
    }

    @Test func aVerifyWithoutTheStagedPathIsWarnedAbout() {
        let text = "group g { host a (n); include /etc; action { pattern /etc; exec \"y\"; verify \"true\"; } }"
        let (_, diagnostics) = ClusterConfig.parse(text, path: "c.cfg") { _ in nil }
        #expect(diagnostics.contains { $0.severity == .warning && $0.message.contains("'verify' command has no '%%'") })
    }
}
