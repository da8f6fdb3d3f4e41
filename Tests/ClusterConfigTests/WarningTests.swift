import Diagnostics
import Testing
@testable import ClusterConfig

/// Warnings and notes: accepted input that may not do what it says.
@Suite struct WarningTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let source: String
        let severity: Severity
        /// Marker number -> a fragment of the message expected there.
        let expected: [Int: String]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "action without pattern runs for every file, as in csync2",
             source: "group g { host a; include /etc; ⟨1⟩action { exec \"x\"; } }",
             severity: .warning, expected: [1: "action has no 'pattern'"]),
        Case(name: "compare with several patterns",
             source: "group g { host a; ⟨1⟩compare /a /b; }",
             severity: .warning, expected: [1: "all but the last pattern of a 'compare'"]),
        Case(name: "prefix defined twice",
             source: "prefix p { on *: /a; }\nprefix ⟨1⟩p { on *: /b; }",
             severity: .warning, expected: [1: "prefix 'p' is defined again"]),
        Case(name: "check pattern with a prefix",
             source: "confsync { check ⟨1⟩%p%/x squid; }",
             severity: .warning, expected: [1: "'%prefix%' is not substituted"]),
        Case(name: "one backup note per file, not per group",
             source: """
                group a { host x; ⟨1⟩backup-directory /b; backup-generations 3; }
                group b { host x; backup-generations 3; }
                """,
             severity: .note, expected: [1: "history replaces backups"]),
    ]

    @Test(arguments: cases)
    func reported(_ c: Case) {
        let source = MarkedSource(c.source)
        let diagnostics = parse(source.text).diagnostics
        #expect(!diagnostics.hasErrors, "\(diagnostics.rendered())")
        let found = diagnostics.filter { $0.severity == c.severity }
        let expected = c.expected.sorted { $0.key < $1.key }
        #expect(found.map(\.location) == expected.map { source.location($0.key, path: "cluster.cfg") })
        for (diagnostic, (_, fragment)) in zip(found, expected) {
            #expect(diagnostic.message.contains(fragment), "\(diagnostic.message)")
        }
    }

    @Test func oneBackupNotePerIncludedFile() {
        let (_, diagnostics) = parse(
            "group a { host x; backup-generations 3; }\nconfig /etc/b.cfg;\n",
            files: ["/etc/b.cfg": "group b { host x; backup-directory /b; }\ngroup c { host x; backup-directory /b; }"])
        #expect(diagnostics.map(\.severity) == [.note, .note])
        #expect(diagnostics.map(\.location.path) == ["/etc/b.cfg", "cluster.cfg"])
    }
}
