import ClusterConfig
import Diagnostics
import Foundation
import Testing
@testable import Validation

@Suite struct ValidatorTests {
    let clusterFile = "/etc/csync2.cfg"

    func cluster(_ extra: String = "") -> [UInt8] {
        Array("""
            group g { host d (n1); include /etc/csync2.cfg; include /etc/squid3; include /etc/app; }
            confsync { \(extra) }

            """.utf8)
    }

    @Test(arguments: [
        ("/etc/squid3/squid.conf", CheckRule.Checker?.some(.squid)),
        ("/etc/ldirectord.cf", .some(.ldirectord)),
        ("/etc/csync2.cfg", .some(.cluster)),
        ("/etc/hosts", nil),
        ("/etc/squid3/xsquid.conf", nil),
        ("/etc/squid3/squid.conf.bak", nil),
        ("/etc/squid.conf/readme", nil),
        ("/squid.conf", .some(.squid)),
        ("/etc/ha.d/conf/ldirectord.cf", .some(.ldirectord)),
        ("/etc/ha.d/ldirectord.cfg", nil),
    ])
    func defaultCheckers(_ path: String, _ expected: CheckRule.Checker?) {
        #expect(CheckerChoice.checker(for: path, clusterFile: clusterFile, cluster: nil) == expected)
    }

    @Test func clusterRulesOverrideTheDefaults() {
        let text = "group g { host d; include /etc; }\nconfsync { check /etc/squid3/squid.conf none; check \"/etc/app/*.conf\" squid; }\n"
        let (config, diagnostics) = ClusterConfig.parse(text, path: clusterFile) { _ in nil }
        #expect(!diagnostics.hasErrors, "\(diagnostics.rendered())")
        #expect(CheckerChoice.checker(for: "/etc/squid3/squid.conf", clusterFile: clusterFile, cluster: config) == nil)
        #expect(CheckerChoice.checker(for: "/etc/app/x.conf", clusterFile: clusterFile, cluster: config) == .squid)
    }

    @Test func includedFileIsTakenFromTheCandidateTree() {
        // squid.conf includes a file that only exists in the candidate (same commit).
        let candidate = InMemoryCandidate([
            clusterFile: cluster(),
            "/etc/squid3/squid.conf": Array("include /etc/squid3/acls.conf\nhttp_access allow office\nhttp_access deny all\n".utf8),
            "/etc/squid3/acls.conf": Array("acl office src 192.168.1.0/24\n".utf8),
        ])
        let report = Validator(root: "/nonexistent-root", clusterFile: clusterFile).validate(candidate)
        #expect(report.isValid, "\(report.diagnostics.rendered())")
        #expect(report.checkedPaths.contains("/etc/squid3/squid.conf"))

        // Without the included file, the ACL is unknown: an error at the rule, under the root.
        var broken = candidate.files
        broken["/etc/squid3/acls.conf"] = nil
        let bad = Validator(root: "/srv/d1", clusterFile: clusterFile).validate(InMemoryCandidate(broken))
        #expect(!bad.isValid)
        #expect(bad.diagnostics.contains { $0.severity == .error && $0.location.path.hasPrefix("/srv/d1/etc/squid3/") })
    }

    @Test func clusterFileErrorsAreReported() {
        let candidate = InMemoryCandidate([clusterFile: Array("group g { host d; include /etc/x }\n".utf8)])
        let report = Validator(root: "/", clusterFile: clusterFile).validate(candidate)
        #expect(!report.isValid)
        #expect(report.diagnostics.allSatisfy { $0.location.path == clusterFile })
        #expect(report.cluster != nil)
    }

    @Test func externalCheckerRunsOnTheCandidateContent() {
        let candidate = InMemoryCandidate([
            clusterFile: cluster("check /etc/app/app.conf exec \"grep -q '^ok' %f || { echo 'app.conf must start with ok'; exit 1; }\";"),
            "/etc/app/app.conf": Array("not ok\n".utf8),
        ])
        let report = Validator(root: "/", clusterFile: clusterFile).validate(candidate)
        #expect(!report.isValid)
        let message = report.diagnostics.first { $0.location.path == "/etc/app/app.conf" }?.message ?? ""
        #expect(message.contains("app.conf must start with ok"), "\(report.diagnostics.rendered())")

        var fixed = candidate.files
        fixed["/etc/app/app.conf"] = Array("ok\n".utf8)
        #expect(Validator(root: "/", clusterFile: clusterFile).validate(InMemoryCandidate(fixed)).isValid)
    }

    /// `--resolve-hostnames` asks this host's resolver for squid's names (`localhost` is in
    /// /etc/hosts; `.invalid` never resolves).
    @Test func resolvingHostnamesAsksTheResolver() {
        let squid = Array("acl a src localhost\nacl b src no-such-host.invalid\ncache_peer peer.invalid parent 3128 0\nhttp_port 3128\n".utf8)
        let candidate = InMemoryCandidate(["/etc/csync2.cfg": cluster(), "/etc/squid3/squid.conf": squid])
        let plain = Validator(root: "", clusterFile: clusterFile).validate(candidate).diagnostics
        #expect(!plain.hasErrors, "\(plain.rendered())")
        var options = Validator.Options()
        options.resolveHostnames = true
        let resolved = Validator(root: "", clusterFile: clusterFile, options: options).validate(candidate).diagnostics
        let errors = resolved.filter { $0.severity == .error }
        #expect(errors.map(\.location.line) == [2], "\(resolved.rendered())")
        #expect(errors.first?.message.contains("'no-such-host.invalid' in ACL: the name does not resolve") == true)
        #expect(resolved.contains { $0.severity == .warning && $0.location.line == 3 && $0.message.contains("does not resolve here") })
    }

    /// A weakening is an error, a warning with the option or for a file `allow-weakened` names.
    @Test(arguments: [(false, "", true), (true, "", false), (false, "allow-weakened /etc/squid3/squid.conf;", false),
                      (false, "allow-weakened /etc/app;", true)])
    func weakeningsAreAllowedByTheOptionOrTheClusterFile(_ flag: Bool, _ setting: String, _ refused: Bool) {
        let squid = Array("http_access permit all\nhttp_port 3128\n".utf8)
        let candidate = InMemoryCandidate(["/etc/csync2.cfg": cluster(setting), "/etc/squid3/squid.conf": squid])
        var options = Validator.Options()
        options.allowWeakened = flag
        let diagnostics = Validator(root: "", clusterFile: clusterFile, options: options).validate(candidate).diagnostics
        #expect(diagnostics.hasErrors == refused, "\(diagnostics.rendered())")
        #expect(diagnostics.contains { $0.isWeakening && $0.location.line == 1 }, "\(diagnostics.rendered())")
    }

    /// ldirectord does not start without its logfile's directory: a warning when it is in
    /// neither the candidate nor the director's root.
    @Test func ldirectordLogfileDirectoryIsLookedFor() {
        func warnings(_ logfile: String) -> [Diagnostic] {
            let cf = Array("logfile=\"\(logfile)\"\nvirtual=10.0.0.1:80\n\treal=10.0.0.2:80 gate\n".utf8)
            let candidate = InMemoryCandidate([
                "/etc/csync2.cfg": cluster(), "/etc/ldirectord.cf": cf, "/etc/app/keep": [],
            ])
            return Validator(root: "", clusterFile: clusterFile).validate(candidate).diagnostics
                .filter { $0.message.contains("logfile") }
        }
        #expect(warnings("/var/log/ldirectord.log").isEmpty)
        #expect(warnings("/etc/app/ldirectord.log").isEmpty)
        let missing = warnings("/no-such-dir-\(UUID().uuidString)/ldirectord.log")
        #expect(missing.count == 1 && missing.first?.severity == .warning, "\(missing.rendered())")
        #expect(missing.first?.message.contains("ldirectord does not start where it cannot open its logfile") == true)
    }
}
