import Testing
@testable import Diagnostics

@Suite struct DiagnosticTests {
    @Test func rendersLikeACompiler() {
        let d = Diagnostic.error(
            "ACL 'x' is used before it is defined", at: SourceLocation(path: "squid.conf", line: 3, column: 19),
            notes: [.note("ACL 'x' is defined here", at: SourceLocation(path: "squid.conf", line: 9, column: 5))])
        #expect(d.description == """
            squid.conf:3:19: error: ACL 'x' is used before it is defined
            squid.conf:9:5: note: ACL 'x' is defined here
            """)
    }

    @Test func wholeFileLocationHasNoLine() {
        #expect(SourceLocation(path: "a.cf", line: 0).description == "a.cf")
    }

    @Test func bagSortsByPositionAndCounts() {
        var bag = DiagnosticBag()
        bag.warning("w", at: SourceLocation(path: "a", line: 5))
        bag.error("e", at: SourceLocation(path: "a", line: 2, column: 4))
        #expect(bag.sorted.map(\.message) == ["e", "w"])
        #expect(bag.hasErrors)
        #expect(bag.diagnostics.summary == "1 error, 1 warning")
    }

    @Test func markersGiveLineAndColumn() {
        let src = MarkedSource("acl a src 1.2.3.4\nhttp_access allow ⟨1⟩nosuch\n⟨2⟩")
        #expect(src.text == "acl a src 1.2.3.4\nhttp_access allow nosuch\n")
        #expect(src.location(1, path: "f") == SourceLocation(path: "f", line: 2, column: 19))
        #expect(src.location(2, path: "f") == SourceLocation(path: "f", line: 3, column: 1))
        #expect(src.location(3, path: "f").line == 0)
    }
}
