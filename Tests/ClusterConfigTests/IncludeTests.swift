import Diagnostics
import Testing
@testable import ClusterConfig

/// `config FILE;` splices another file's tokens in place, as csync2's scanner does.
@Suite struct IncludeTests {
    @Test func includedGroupsComeWhereTheConfigStatementIs() {
        let (config, diagnostics) = parse(
            """
            group first { host a; include /a; }
            config /etc/csync2.d/middle.cfg;
            group last { host a; include /c; }
            """,
            files: ["/etc/csync2.d/middle.cfg": "group middle { host a; include /b; }\n"])
        #expect(diagnostics.isEmpty)
        #expect(config.groups.map(\.name) == ["first", "middle", "last"])
        #expect(config.includedConfigFiles == ["/etc/csync2.d/middle.cfg"])
        #expect(config.groups[1].location.path == "/etc/csync2.d/middle.cfg")
    }

    @Test func severalFilesInOneStatementAndRelativeNames() {
        let (config, diagnostics) = ClusterConfig.parse(
            "config one.cfg sub/two.cfg;\n", path: "/etc/csync2.cfg") { name in
                ["/etc/one.cfg": "group one { host a; }", "/etc/sub/two.cfg": "config ../three.cfg;", "/etc/three.cfg": "group three { host a; }"][name]
            }
        #expect(diagnostics.isEmpty)
        #expect(config.groups.map(\.name) == ["one", "three"])
        #expect(config.includedConfigFiles == ["/etc/one.cfg", "/etc/sub/two.cfg", "/etc/three.cfg"])
    }

    @Test func anIncludeMayHoldPartOfAGroup() {
        let (config, diagnostics) = parse(
            "group g {\n\tconfig /etc/hosts.cfg;\n\tinclude /etc;\n}\n",
            files: ["/etc/hosts.cfg": "host a (b);"])
        #expect(diagnostics.isEmpty)
        #expect(config.groups.first?.hosts == [Host(name: "a"), Host(name: "b", receiveOnly: true)])
    }

    @Test func diagnosticsOfAnIncludedFileCarryItsPath() {
        let included = MarkedSource("group inner {\n\thost x;\n\t⟨1⟩bogus;\n}\n")
        let (_, diagnostics) = parse("config /etc/inner.cfg;\n", files: ["/etc/inner.cfg": included.text])
        #expect(diagnostics.map(\.location) == [included.location(1, path: "/etc/inner.cfg")])
        #expect(diagnostics.rendered() == "/etc/inner.cfg:3:2: error: unknown statement 'bogus' in group 'inner'")
    }

    @Test func cycleIsAnErrorAtTheStatementThatClosesIt() {
        let top = MarkedSource("config ⟨1⟩/etc/a.cfg;\ngroup g { host h; }\n")
        let a = MarkedSource("config ⟨2⟩/etc/b.cfg;\n")
        let b = MarkedSource("config ⟨3⟩/etc/a.cfg;\n")
        let (config, diagnostics) = ClusterConfig.parse(top.text, path: "/etc/csync2.cfg") {
            ["/etc/a.cfg": a.text, "/etc/b.cfg": b.text][$0]
        }
        #expect(diagnostics.map(\.location) == [b.location(3, path: "/etc/b.cfg")])
        #expect(diagnostics.first?.message == "config include cycle: /etc/a.cfg -> /etc/b.cfg -> /etc/a.cfg")
        #expect(config.groups.map(\.name) == ["g"])
    }

    @Test func includingItselfIsACycle() {
        let top = MarkedSource("config ⟨1⟩./csync2.cfg;\n")
        let (_, diagnostics) = ClusterConfig.parse(top.text, path: "/etc/csync2.cfg") { _ in top.text }
        #expect(diagnostics.map(\.location) == [top.location(1, path: "/etc/csync2.cfg")])
        #expect(diagnostics.first?.message == "config include cycle: /etc/csync2.cfg -> /etc/csync2.cfg")
    }

    @Test func depthIsLimitedLikeCsync2() {
        // /c0 includes /c1 includes ... : 10 levels are fine, the 11th is refused.
        let files = Dictionary(uniqueKeysWithValues: (0...12).map { ("/c\($0)", "config /c\($0 + 1);\n") })
        let (config, diagnostics) = ClusterConfig.parse("config /c0;\n", path: "/top") { files[$0] }
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.location.path == "/c9")
        #expect(diagnostics.first?.message.contains("nested too deeply") == true)
        #expect(config.includedConfigFiles.count == 10)
    }

    @Test func missingFileIsReportedAndTheRestIsRead() {
        let top = MarkedSource("config /etc/a.cfg ⟨1⟩/etc/gone.cfg;\ngroup g { host h; }\n")
        let (config, diagnostics) = parse(top.text, files: ["/etc/a.cfg": "group a { host h; }"])
        #expect(diagnostics.map(\.location) == [top.location(1, path: "cluster.cfg")])
        #expect(diagnostics.first?.message == "cannot load config file '/etc/gone.cfg'")
        #expect(config.groups.map(\.name) == ["a", "g"])
    }
}
