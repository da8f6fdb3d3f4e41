import Diagnostics
import LdirectordConfig
import Testing

/// An expected diagnostic: its severity, the marker (`⟨n⟩`) where it points, and a
/// fragment of its message.
struct Finding: CustomStringConvertible {
    let severity: Severity
    let marker: Int
    let fragment: String

    static func error(_ marker: Int, _ fragment: String) -> Finding { Finding(severity: .error, marker: marker, fragment: fragment) }
    static func warning(_ marker: Int, _ fragment: String) -> Finding { Finding(severity: .warning, marker: marker, fragment: fragment) }

    var description: String { "\(severity) at ⟨\(marker)⟩: …\(fragment)…" }
}

/// Checks the marked source and expects exactly `expected`, in the checker's order.
func expectFindings(_ marked: String, _ expected: [Finding], strict: Bool = true, resolve: Bool = false,
                    sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    let source = MarkedSource(marked)
    let diagnostics = check(source.text, strict: strict, resolve: resolve)
    let rendered = diagnostics.map(\.description).joined(separator: "\n")
    #expect(diagnostics.count == expected.count, "got:\n\(rendered)", sourceLocation: sourceLocation)
    for (diagnostic, finding) in zip(diagnostics, expected) {
        let matches = diagnostic.severity == finding.severity
            && diagnostic.location == source.location(finding.marker, path: "t.cf")
            && diagnostic.message.contains(finding.fragment)
        #expect(matches, "expected \(finding), got \(diagnostic.headline)", sourceLocation: sourceLocation)
    }
}

func check(_ text: String, strict: Bool = true, resolve: Bool = false) -> [Diagnostic] {
    var options = LdirectordCheckOptions()
    options.strict = strict
    options.resolveHostnames = resolve
    return LdirectordChecker.check(text, path: "t.cf", options: options)
}
