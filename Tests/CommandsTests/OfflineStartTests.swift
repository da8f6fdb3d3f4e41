import Foundation
import Testing

/// The executable starts libgit2 without parsing the system CA bundle (Sources/CGit2Offline):
/// libgit2's call to mbedTLS's certificate-file parser binds to confsync's own definition.
struct OfflineStartTests {
    @Test func libgit2CallsTheExecutablesCertificateParser() throws {
        // Every binding made at start-up, as the dynamic linker reports it.
        let r = try CLI.run(["--version"], environment: ["LD_BIND_NOW": "1", "LD_DEBUG": "bindings"])
        #expect(r.status == 0, "\(r.stderr)")
        let bindings = r.stderr.split(separator: "\n").filter {
            $0.contains("binding file ") && $0.contains("libgit2") && $0.contains("`mbedtls_x509_crt_parse_file'")
        }
        // A libgit2 built on mbedTLS (Debian's) calls it; one built on OpenSSL does not, and
        // then parses nothing at start-up anyway.
        let usesMbedTLS = r.stderr.contains("libmbedx509")
        #expect(bindings.isEmpty == !usesMbedTLS, "\(bindings)")
        for binding in bindings {
            #expect(binding.contains("to \(CLI.executable) "), "\(binding)")
        }
    }
}
