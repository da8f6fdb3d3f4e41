import TestSupport
import Testing
@testable import ClusterConfig

#if canImport(Glibc)
import Glibc
#endif

@Suite struct PathPatternTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let pattern: String
        let path: String
        let matches: Bool
        var testDescription: String { "\(pattern) ~ \(path) = \(matches)" }
    }

    /// csync2's `match_pattern_list`: path patterns with FNM_LEADING_DIR and FNM_PATHNAME
    /// (unless `**`), basename patterns on the last component without flags.
    static let cases: [Case] = [
        // A file, and a directory including everything under it.
        Case(pattern: "/etc/squid3/squid.conf", path: "/etc/squid3/squid.conf", matches: true),
        Case(pattern: "/etc/squid3", path: "/etc/squid3/squid.conf", matches: true),
        Case(pattern: "/etc/squid3", path: "/etc/squid3/errors/en/ERR_X", matches: true),
        Case(pattern: "/etc/squid3", path: "/etc/squid3x/a", matches: false),
        Case(pattern: "/etc/squid3/squid.conf", path: "/etc/squid3", matches: false),
        // `*`, `?` and brackets stop at `/`.
        Case(pattern: "/etc/squid3/*.conf", path: "/etc/squid3/a.conf", matches: true),
        Case(pattern: "/etc/squid3/*.conf", path: "/etc/squid3/sub/a.conf", matches: false),
        Case(pattern: "/etc/*/a.conf", path: "/etc/x/a.conf", matches: true),
        Case(pattern: "/etc/*", path: "/etc/x/y/z", matches: true),
        Case(pattern: "/etc/a?b", path: "/etc/a/b", matches: false),
        Case(pattern: "/etc/?", path: "/etc/a", matches: true),
        Case(pattern: "/etc/?", path: "/etc/ab", matches: false),
        // `**` anywhere makes every wildcard of the pattern cross `/`.
        Case(pattern: "/etc/**.conf", path: "/etc/a/b.conf", matches: true),
        Case(pattern: "/etc/**/x", path: "/etc/a/b/x", matches: true),
        Case(pattern: "/etc/**/x", path: "/etc/x", matches: false),
        Case(pattern: "/etc/*/x**", path: "/etc/a/b/x", matches: true),
        Case(pattern: "/etc/*/x", path: "/etc/a/b/x", matches: false),
        // Brackets and escapes.
        Case(pattern: "/etc/[ab].conf", path: "/etc/a.conf", matches: true),
        Case(pattern: "/etc/[!ab].conf", path: "/etc/c.conf", matches: true),
        Case(pattern: "/etc/[^ab].conf", path: "/etc/a.conf", matches: false),
        Case(pattern: "/etc/[a-c]x", path: "/etc/bx", matches: true),
        Case(pattern: "/etc/[[:digit:]]", path: "/etc/7", matches: true),
        Case(pattern: "/etc/[]]", path: "/etc/]", matches: true),
        Case(pattern: "/etc/[ab", path: "/etc/[ab", matches: true),
        Case(pattern: "/etc/\\*", path: "/etc/*", matches: true),
        Case(pattern: "/etc/\\*", path: "/etc/a", matches: false),
        // Basename patterns.
        Case(pattern: "*.conf", path: "/etc/squid3/squid.conf", matches: true),
        Case(pattern: "squid.conf", path: "/etc/squid3/squid.conf", matches: true),
        Case(pattern: "squid3", path: "/etc/squid3/squid.conf", matches: false),
        Case(pattern: "*~", path: "/etc/a.conf~", matches: true),
        Case(pattern: ".*", path: "/etc/.hidden", matches: true),
        Case(pattern: ".*", path: "/etc/visible", matches: false),
        Case(pattern: "*", path: "/etc/.hidden", matches: true),
        // csync2 quirk: `include /;` matches only "/" itself (FNM_LEADING_DIR needs a `/` next).
        Case(pattern: "/", path: "/etc/passwd", matches: false),
        Case(pattern: "/", path: "/", matches: true),
        // Bytes, not characters (glibc in the C locale).
        Case(pattern: "/srv/caf?", path: "/srv/café", matches: false),
        Case(pattern: "/srv/caf??", path: "/srv/café", matches: true),
    ]

    @Test(arguments: cases)
    func matchesLikeCsync2(_ c: Case) {
        #expect(PathPattern(c.pattern).matches(c.path) == c.matches)
    }

    @Test(arguments: [
        ("*.conf", "/etc/a.conf", false),
        ("/etc/apache/sites-available/*", "/etc/apache/sites-available/x", true),
        ("/etc/apache/", "/etc/apache/httpd.conf", false),
        ("/etc/apache", "/etc/apache/httpd.conf", true),
    ])
    func actionPatternsAlwaysMatchTheWholePath(pattern: String, path: String, matches: Bool) {
        #expect(PathPattern(pattern, matching: .wholePath).matches(path) == matches)
    }

    @Test(arguments: [
        ("/etc/squid3/squid.conf", "/etc/squid3/squid.conf"),
        ("/etc/squid3/*.conf", "/etc/squid3"),
        ("/etc/sq*/x", "/etc"),
        ("/*", "/"),
        ("/etc/[ab]", "/etc"),
        ("/etc/a\\*b", "/etc/a*b"),
        ("/etc/**", "/etc"),
        ("*.conf", ""),
    ])
    func staticPrefix(pattern: String, prefix: String) {
        #expect(PathPattern(pattern).staticPrefix == prefix)
    }

    @Test func prefixNameAndSubstitution() {
        let pattern = PathPattern("%homedir%/bob")
        #expect(pattern.prefixName == "homedir")
        #expect(!pattern.isBasename)
        #expect(pattern.substitutingPrefix(with: "/export/users").text == "/export/users/bob")
        #expect(PathPattern("/etc").prefixName == nil)
        let literal = pattern.substitutingPrefix(with: "/srv/[x]*")
        #expect(literal.matches("/srv/[x]*/bob/a"))
        #expect(!literal.matches("/srv/xy/bob/a"))
        #expect(literal.staticPrefix == "/srv/[x]*/bob")
    }

    #if canImport(Glibc)
    /// Random patterns and paths against glibc's own fnmatch with csync2's flags.
    @Test func agreesWithGlibcFnmatch() {
        let pieces = ["a", "b", "/", "*", "?", "[ab]", "[!a]", "\\*", "**", "[a-b]", "."]
        let pathPieces = ["a", "b", "/", ".", "*"]
        var random = SplitMix64(seed: 0x5EED)
        var disagreements: [String] = []
        for _ in 0..<4000 {
            let body = (0..<random.next(below: 6) + 1).map { _ in pieces[random.next(below: pieces.count)] }.joined()
            let pattern = random.next(below: 4) == 0 ? body : "/" + body
            let path = "/" + (0..<random.next(below: 8)).map { _ in pathPieces[random.next(below: pathPieces.count)] }.joined()
            let expected: Bool
            if pattern.hasPrefix("/") {
                // FNM_LEADING_DIR is a GNU extension that Glibc's module map leaves out: 1 << 3.
                let flags = (1 << 3) | (pattern.contains("**") ? 0 : FNM_PATHNAME)
                expected = fnmatch(pattern, path, flags) == 0
            } else {
                let base = path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path
                expected = fnmatch(pattern, base, 0) == 0
            }
            if PathPattern(pattern).matches(path) != expected {
                disagreements.append("\(pattern) ~ \(path): glibc says \(expected)")
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(10))")
    }
    #endif
}
