import Diagnostics
import Foundation
import Testing

/// `real=` lines: host[->host][:port] gate|masq|ipip [weight] ["request", "receive"] [l:N] [u:N].
@Suite struct RealServerTests {
    private func block(_ real: String, virtual: String = "virtual=10.0.0.1:80") -> String {
        "\(virtual)\n\tservice=http\n\treal=\(real)\n"
    }

    @Test(arguments: [
        "10.0.0.2:80 gate", "10.0.0.2 masq", "10.0.0.2:http ipip", "10.0.0.2:www gate", "10.0.0.2:ntp gate",
        "10.0.0.2:80 gate 0", "10.0.0.2:80 gate 65535", "10.0.0.2:80\tgate\t5",
        #"10.0.0.2:80 gate 5 "/check.html", "OK""#, #"10.0.0.2:80 gate "/check.html" "OK""#,
        #"10.0.0.2:80 gate 5 "check", "OK" l:10 u:100"#, "10.0.0.2:80 gate u:100",
        "10.0.0.2->10.0.0.9:80 gate", "10.0.0.2->10.0.0.2:80 gate", "web1.example.com:80 gate",
        "web-1->web-4:80 gate", "10.0.0.2:80 gate # comment",
    ])
    func accepted(_ real: String) {
        expectFindings(block(real), [])
    }

    @Test(arguments: [
        ("⟨1⟩10.0.0.2:80", Finding.error(1, "the forwarding method gate, masq or ipip is missing")),
        ("10.0.0.2:80 ⟨1⟩route", .error(1, "forwarding method must be gate, masq or ipip, not 'route'")),
        ("10.0.0.2:80 ⟨1⟩Gate", .error(1, "not 'Gate'")),
        ("10.0.0.2:80 ⟨1⟩gateway", .error(1, "not 'gateway'")),
        ("10.0.0.2:80 ⟨1⟩", .error(1, "forwarding method must be gate, masq or ipip")),
        ("10.0.0.2:80 gate ⟨1⟩-1", .error(1, "unexpected '-1'")),
        ("10.0.0.2:80 gate 1⟨1⟩.5", .error(1, "unexpected '.5'")),
        ("10.0.0.2:80 gate 5 ⟨1⟩backup", .error(1, "unexpected 'backup'")),
        ("⟨1⟩10.0.0.256:80 gate", .error(1, "octet 256 is out of range")),
        ("10.0.0.2:⟨1⟩70000 gate", .error(1, "port 70000 of the real server is out of range")),
        ("⟨1⟩10.0.0.2-10.0.0.5:80 gate", .error(1, "the last label is numeric")),
        ("⟨1⟩[2001:db8::2]:80 gate", .error(1, "is an IPv6 address, but this is a virtual= service")),
        ("⟨1⟩", .error(1, "invalid real server ''")),
    ])
    func rejected(_ marked: String, _ finding: Finding) {
        expectFindings(block(marked), [finding])
    }

    @Test func reversedRange() {
        expectFindings(block("⟨1⟩10.0.0.9->10.0.0.2:80 gate"), [.error(1, "invalid range 10.0.0.9->10.0.0.2")])
    }

    @Test func ipv6Ranges() {
        expectFindings(block("⟨1⟩[2001:db8::2]->[2001:db8::5]:80 gate", virtual: "virtual6=[2001:db8::1]:80").replacingReal6,
                       [.error(1, "address ranges for IPv6")])
        expectFindings(block("⟨1⟩web1->web4:80 gate", virtual: "virtual6=[2001:db8::1]:80").replacingReal6,
                       [.error(1, "address ranges for IPv6")])
    }

    @Test func ipv6RealServers() {
        expectFindings(block("[2001:db8::2]:80 gate", virtual: "virtual6=[2001:db8::1]:80").replacingReal6, [])
        expectFindings(block("⟨1⟩10.0.0.2:80 gate", virtual: "virtual6=[2001:db8::1]:80").replacingReal6,
                       [.error(1, "is an IPv4 address, but this is a virtual6= service")])
        expectFindings(block("⟨1⟩2001:db8::⟨2⟩2 gate", virtual: "virtual6=[2001:db8::1]:80").replacingReal6,
                       [.error(1, "ignores '2001:db8::' (IPv6 addresses go in brackets"), .error(2, "is an IPv4 address")])
    }

    @Test(arguments: [
        ("⟨1⟩10.1:80 gate", "reads the address '10.1' as 10.0.0.1"),
        ("⟨1⟩010.0.0.2:80 gate", "as 8.0.0.2"),
        ("10.0.0.2:80 ⟨1⟩-gate", "reads the forwarding method 'gate' and ignores '-'"),
        ("10.0.0.2:80 gate ⟨1⟩100000", "weight 100000 is above 65535"),
        (#"10.0.0.2:80 gate ⟨1⟩"/check", "ok" 5"#, "to find weight 5"),
        (#"10.0.0.2:80 gate 5 ⟨1⟩junk "/check", "ok""#, "to find the request/receive strings"),
        ("10.0.0.2:⟨1⟩zope gate", "unknown port name 'zope'"),
    ])
    func misread(_ marked: String, _ fragment: String) {
        expectFindings(block(marked), [.error(1, fragment)])
        expectFindings(block(marked), [.warning(1, fragment)], strict: false)
    }

    @Test func textBeforeTheAddressIsIgnored() {
        // ldirectord's pattern is unanchored: ":80" yields host "80" (0.0.0.80)
        expectFindings(block("⟨1⟩:⟨2⟩80 gate"), [.error(1, "ignores ':'"), .error(2, "as 0.0.0.80")])
    }

    @Test func duplicateRealServerIsAWarning() throws {
        let source = MarkedSource("virtual=10.0.0.1:80\n\tservice=http\n\treal=⟨1⟩10.0.0.2:80 gate\n\treal=⟨2⟩10.0.0.1->10.0.0.3:80 gate\n")
        let diagnostics = check(source.text)
        #expect(diagnostics.count == 1)
        let warning = try #require(diagnostics.first)
        #expect(warning.severity == .warning)
        #expect(warning.location == source.location(2, path: "t.cf"))
        #expect(warning.notes.map(\.location) == [source.location(1, path: "t.cf")])
    }

    @Test func samePortByNameAndNumberIsTheSameRealServer() {
        let text = "virtual=10.0.0.1:80\n\tservice=http\n\treal=10.0.0.2:http gate\n\treal=10.0.0.2:80 masq\n"
        #expect(check(text).map(\.message) == ["real server 10.0.0.2:80 is listed twice in this virtual service; ipvsadm refuses the second"])
    }

    @Test func largeRangeIsAWarning() {
        expectFindings(block("⟨1⟩10.0.0.1->10.0.255.255:80 gate"), [.warning(1, "adds 65535 real servers")])
    }

    @Test func everyProblemOfALineIsReported() {
        expectFindings(block("⟨1⟩10.0.0.256:⟨2⟩99999 ⟨3⟩route"),
                       [.error(1, "octet 256"), .error(2, "port 99999"), .error(3, "forwarding method")])
    }
}

extension String {
    /// The helper writes `real=`; IPv6 blocks need `real6=`.
    fileprivate var replacingReal6: String { replacingOccurrences(of: "\treal=", with: "\treal6=") }
}
