import Diagnostics
import Testing
@testable import ClusterConfig

/// csync2's scanner rules (cfgfile_scanner.l), seen through the parser.
@Suite struct ScannerTests {
    static func words(_ text: String) -> [String] {
        var bag = DiagnosticBag()
        var scanner = Scanner(text: text, path: "t")
        return scanner.scan(into: &bag).map { $0.kind == .word ? $0.text : "<\($0.text)>" }
    }

    @Test(arguments: [
        ("on host*: /x;", ["on", "host*", "<:>", "/x", "<;>"]),
        ("a:b c:: :d", ["a:b", "c", "<:>", "<:>", ":d"]),
        ("host a@b(c)d;", ["host", "a", "<@>", "b", "<(>", "c", "<)>", "d", "<;>"]),
        ("{x} { } }}", ["{x}", "<{>", "<}>", "}}"]),
        ("/etc/foo#bar\nnext", ["/etc/foo", "next"]),
        ("\"two\nlines # not a comment\" \"\" end", ["two\nlines # not a comment", "end"]),
        ("ab\"cd\"ef", ["ab", "cd", "ef"]),
        ("a\r\nb\tc", ["a", "b", "c"]),
    ])
    func tokens(text: String, expected: [String]) {
        #expect(Self.words(text) == expected)
    }

    @Test func quotedKeywordsAreWords() {
        let (config, diagnostics) = parse("group \"group\" { host \"host\" \"on\"; include \"/with;semicolon\"; }")
        #expect(diagnostics.isEmpty)
        #expect(config.groups.first?.name == "group")
        #expect(config.groups.first?.hosts.map(\.name) == ["host", "on"])
        #expect(config.groups.first?.includes.map(\.text) == ["/with;semicolon"])
    }

    @Test func positionsCountCharactersNotBytes() {
        let source = MarkedSource("# café ☕︎\ngroup g { host a; include /srv/café; ⟨1⟩oops; }")
        let diagnostics = parse(source.text).diagnostics
        #expect(diagnostics.map(\.location) == [source.location(1, path: "cluster.cfg")])
    }

    @Test func commentsAndBlankLinesOnly() {
        let (config, diagnostics) = parse("# nothing here\n\n   \t# really\n")
        #expect(diagnostics.isEmpty)
        #expect(config.groups.isEmpty)
    }
}
