import Foundation
import TestSupport
import Testing
@testable import Transport

@Suite struct IdentityTests {
    @Test func generatedCertificateMatchesOpenSSLCLI() throws {
        let identity = try Identity.generate(commonName: "node1.example", validDays: 30)
        #expect(identity.commonName == "node1.example")
        #expect(try Identity.fingerprint(ofCertificatePEM: identity.certificatePEM) == identity.fingerprint)
        #expect(Fingerprint(identity.fingerprint.description) == identity.fingerprint)

        let cli = try openssl(["x509", "-noout", "-fingerprint", "-sha256"], input: identity.certificatePEM)
        #expect(cli.status == 0)
        // "sha256 Fingerprint=AB:CD:..." (the prefix's case varies between versions).
        let printed = try #require(cli.stdout.split(separator: "=").last)
        #expect(Fingerprint(String(printed)) == identity.fingerprint)

        let text = try openssl(["x509", "-noout", "-text"], input: identity.certificatePEM).stdout
        #expect(text.contains("Version: 3 (0x2)"))
        #expect(text.contains("Subject: CN = node1.example"))
        #expect(text.contains("Issuer: CN = node1.example"))
        #expect(text.contains("CA:FALSE"))
    }

    @Test func serialsAndKeysDiffer() throws {
        let first = try Identity.generate(commonName: "same")
        let second = try Identity.generate(commonName: "same")
        #expect(first.fingerprint != second.fingerprint)
        let serial = { (identity: Identity) in
            try openssl(["x509", "-noout", "-serial"], input: identity.certificatePEM).stdout
        }
        #expect(try serial(first) != serial(second))
    }

    @Test func writeAndLoadRoundTrip() throws {
        let directory = try TemporaryDirectory(prefix: "transport-tests")
        defer { directory.remove() }
        let certificatePath = directory.path + "/node.crt"
        let keyPath = directory.path + "/node.key"
        let identity = try Identity.generate(commonName: "node2")
        try identity.write(certificatePath: certificatePath, keyPath: keyPath)
        // Overwriting goes through a temporary file and leaves nothing else behind.
        try identity.write(certificatePath: certificatePath, keyPath: keyPath)

        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(files == ["node.crt", "node.key"])
        let mode = { (path: String) in
            (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue
        }
        #expect(try mode(keyPath) == 0o600)
        #expect(try mode(certificatePath) == 0o644)

        let loaded = try Identity.load(certificatePath: certificatePath, keyPath: keyPath)
        #expect(loaded.fingerprint == identity.fingerprint)
        #expect(loaded.commonName == "node2")
        #expect(loaded.certificatePEM == identity.certificatePEM)
    }

    @Test func loadRejectsMismatchedBrokenAndMissingFiles() throws {
        let directory = try TemporaryDirectory(prefix: "transport-tests")
        defer { directory.remove() }
        let path = { (name: String) in directory.path + "/" + name }
        try Identity.generate(commonName: "a").write(certificatePath: path("a.crt"), keyPath: path("a.key"))
        try Identity.generate(commonName: "b").write(certificatePath: path("b.crt"), keyPath: path("b.key"))
        try "not a certificate\n".write(toFile: path("junk"), atomically: true, encoding: .utf8)

        let mismatched = transportError { try Identity.load(certificatePath: path("a.crt"), keyPath: path("b.key")) }
        #expect(mismatched?.code == .badKey)
        #expect(mismatched?.message.contains("b.key") == true)
        #expect(transportError { try Identity.load(certificatePath: path("junk"), keyPath: path("a.key")) }?.code
            == .badCertificate)
        #expect(transportError { try Identity.load(certificatePath: path("a.crt"), keyPath: path("junk")) }?.code
            == .badKey)
        let missing = transportError { try Identity.load(certificatePath: path("none.crt"), keyPath: path("a.key")) }
        #expect(missing?.code == .io)
        #expect(missing?.message.contains("none.crt") == true)
    }

    /// A P-256 key and certificate made by the openssl CLI load and work for TLS.
    @Test func loadsAndUsesACertificateFromTheCLI() throws {
        let directory = try TemporaryDirectory(prefix: "transport-tests")
        defer { directory.remove() }
        let certificatePath = directory.path + "/cli.crt"
        let keyPath = directory.path + "/cli.key"
        let made = try openssl([
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-subj", "/CN=cli-node", "-days", "2", "-keyout", keyPath, "-out", certificatePath,
        ])
        #expect(made.status == 0)
        let cliNode = try Identity.load(certificatePath: certificatePath, keyPath: keyPath)
        #expect(cliNode.commonName == "cli-node")

        let director = try Identity.generate(commonName: "director")
        let listener = try TLSListener(bind: loopback, identity: cliNode, trusted: [director.fingerprint])
        defer { listener.close() }
        let server = Background {
            let connection = try listener.accept()
            try connection.write(try connection.readExactly(5))
            return connection.peerCommonName
        }
        let client = try TLSConnection.connect(
            to: listener.endpoint, identity: director, expectedPeer: cliNode.fingerprint)
        try client.write(Array("hello".utf8))
        #expect(try client.readExactly(5) == Array("hello".utf8))
        #expect(client.peerCommonName == "cli-node")
        #expect(try server.value() == "director")
    }
}
