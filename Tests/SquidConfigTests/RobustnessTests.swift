import Diagnostics
import SquidConfig
import TestSupport
import Testing

/// The checker must survive any input: random lines built from directive names and the
/// characters squid.conf treats specially.
@Suite struct RobustnessTests {
    static let words = [
        "acl", "http_access", "http_port", "cache_dir", "refresh_pattern", "cache_peer", "auth_param", "logformat",
        "external_acl_type", "deny_info", "icap_service", "delay_parameters", "include", "if", "else", "endif",
        "configuration_includes_quoted_values", "on", "src", "dstdomain", "url_regex", "annotate_client", "allow",
        "deny", "%>a", "%{", "\"", "'", "\\", "${process_number}", "=", "==", "[", "]", "(", ")", "parameters(",
        "10.0.0.1/", "::", "-", "--", "-i", "+i", "#", "0x", "1e400", "99999999999999999999", "MB", "seconds", "",
    ]

    @Test(arguments: [false, true])
    func randomLinesDoNotTrap(quoted: Bool) {
        var generator = SplitMix64(seed: quoted ? 7 : 3)
        var text = quoted ? "configuration_includes_quoted_values on\n" : ""
        let lines = 1000
        for _ in 0..<lines {
            let count = Int(generator.next() % 7)
            let line = (0..<count).map { _ in Self.words[Int(generator.next() % UInt64(Self.words.count))] }
            text += line.joined(separator: generator.next() % 5 == 0 ? "" : " ") + (generator.next() % 9 == 0 ? "\\\n" : "\n")
        }
        let diagnostics = SquidChecker.check(text, path: "random.conf", files: MemoryLookup())
        #expect(diagnostics.hasErrors)
        let lastLine = lines + (quoted ? 1 : 0)
        #expect(diagnostics.allSatisfy { $0.location.path != "random.conf" || (1...lastLine).contains($0.location.line) })
    }
}
