import Posix
import Synchronization

/// A node's or director's TLS identity: a private key and its self-signed certificate.
///
/// Peers trust each other by the certificate's fingerprint (pinning), so the certificate
/// needs no CA and its dates are not checked.
public struct Identity: Sendable {
    /// The certificate, PEM-encoded.
    public let certificatePEM: String
    /// SHA-256 of the certificate's DER encoding: what peers pin.
    public let fingerprint: Fingerprint
    /// The certificate subject's common name.
    public let commonName: String
    /// The private key as unencrypted PKCS#8 PEM.
    let privateKeyPEM: String
    let certificate: Certificate
    let privateKey: PrivateKey
    /// The client TLS context, made on first use and shared by every connection made with
    /// this identity: OpenSSL 3 takes about a millisecond to set one up.
    private let clientContext = SharedContext()

    private init(certificate: Certificate, privateKey: PrivateKey, source: String) throws {
        guard certificate.matches(privateKey) else {
            throw TransportError(.badKey, "\(source): the private key does not match the certificate")
        }
        self.certificate = certificate
        self.privateKey = privateKey
        certificatePEM = try certificate.pem()
        privateKeyPEM = try privateKey.pem()
        fingerprint = try certificate.fingerprint()
        commonName = certificate.commonName
    }

    /// A new Ed25519 key and a self-signed X.509 v3 certificate `CN=commonName` with a
    /// random serial, valid for `validDays` days.
    public static func generate(commonName: String, validDays: Int = 3650) throws -> Identity {
        let key = try PrivateKey.generateEd25519()
        let certificate = try Certificate.selfSigned(key: key, commonName: commonName, validDays: validDays)
        return try Identity(certificate: certificate, privateKey: key, source: "new identity \(commonName)")
    }

    /// An identity from PEM text (an unencrypted private key of any type OpenSSL reads).
    public init(certificatePEM: String, privateKeyPEM: String) throws {
        try self.init(
            certificate: Certificate(pem: certificatePEM, source: "certificate"),
            privateKey: PrivateKey(pem: privateKeyPEM, source: "private key"),
            source: "identity")
    }

    /// Reads a PEM certificate and its unencrypted PEM private key.
    public static func load(certificatePath: String, keyPath: String) throws -> Identity {
        let certificatePEM = String(decoding: try SystemError.translating { try WholeFile.read(certificatePath) }, as: UTF8.self)
        let keyPEM = String(decoding: try SystemError.translating { try WholeFile.read(keyPath) }, as: UTF8.self)
        return try Identity(
            certificate: Certificate(pem: certificatePEM, source: certificatePath),
            privateKey: PrivateKey(pem: keyPEM, source: keyPath),
            source: "\(keyPath) and \(certificatePath)")
    }

    /// Writes the key (mode 0600) and then the certificate (mode 0644), each atomically.
    public func write(certificatePath: String, keyPath: String) throws {
        try SystemError.translating {
            try WholeFile.write(Array(privateKeyPEM.utf8), to: keyPath, mode: 0o600, creatingDirectories: false)
            try WholeFile.write(Array(certificatePEM.utf8), to: certificatePath, mode: 0o644, creatingDirectories: false)
        }
    }

    /// The fingerprint of a PEM certificate, as `openssl x509 -fingerprint -sha256` computes it.
    public static func fingerprint(ofCertificatePEM pem: String) throws -> Fingerprint {
        try Certificate(pem: pem, source: "certificate").fingerprint()
    }

    /// The context for connections this identity opens.
    func clientTLSContext() throws -> TLSContext {
        try clientContext.get { try TLSContext(side: .client, identity: self) }
    }
}

/// A TLS context made once, on first use.
private final class SharedContext: Sendable {
    private let context = Mutex<TLSContext?>(nil)

    func get(_ make: () throws -> TLSContext) throws -> TLSContext {
        try context.withLock { context in
            if let context { return context }
            let made = try make()
            context = made
            return made
        }
    }
}
