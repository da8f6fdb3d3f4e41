import COpenSSL

/// An owned OpenSSL X.509 certificate.
///
/// `@unchecked Sendable`: never mutated after creation (self-signing happens in the
/// factory, before anyone else sees it); OpenSSL allows concurrent read use.
final class Certificate: @unchecked Sendable {
    let pointer: OpaquePointer

    /// Takes ownership of `pointer` (one reference).
    init(owning pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit { X509_free(pointer) }

    /// Parses a PEM certificate; `source` names it in errors.
    convenience init(pem: String, source: String) throws {
        let bio = try MemoryBIO(reading: pem)
        self.init(owning: try OpenSSL.check(
            PEM_read_bio_X509(bio.pointer, nil, nil, nil), .badCertificate, "\(source): not a PEM certificate"))
    }

    /// A self-signed X.509 v3 certificate for `key` with subject and issuer `CN=commonName`,
    /// a random positive serial (126 random bits), valid from an hour ago for `validDays` days.
    static func selfSigned(key: PrivateKey, commonName: String, validDays: Int) throws -> Certificate {
        let x509 = try OpenSSL.check(X509_new(), .badCertificate, "cannot allocate a certificate")
        let certificate = Certificate(owning: x509)
        let what = "certificate for \(commonName)"
        try OpenSSL.check(X509_set_version(x509, Int(X509_VERSION_3)) == 1, .badCertificate, what)
        try setRandomSerial(x509, what)
        try OpenSSL.check(X509_gmtime_adj(X509_getm_notBefore(x509), -3600) != nil, .badCertificate, what)
        try OpenSSL.check(
            X509_time_adj_ex(X509_getm_notAfter(x509), Int32(clamping: validDays), 0, nil) != nil,
            .badCertificate, what)
        let name = try OpenSSL.check(X509_NAME_new(), .badCertificate, what)
        defer { X509_NAME_free(name) }
        let added = X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, commonName, -1, -1, 0)
        try OpenSSL.check(added == 1, .badCertificate, "\(what): invalid common name")
        try OpenSSL.check(X509_set_subject_name(x509, name) == 1, .badCertificate, what)
        try OpenSSL.check(X509_set_issuer_name(x509, name) == 1, .badCertificate, what)
        try OpenSSL.check(X509_set_pubkey(x509, key.pointer) == 1, .badCertificate, what)
        var context = X509V3_CTX()
        X509V3_set_ctx(&context, x509, x509, nil, nil, 0)
        for (nid, value) in [
            (NID_basic_constraints, "critical,CA:FALSE"),
            (NID_key_usage, "critical,digitalSignature"),
            (NID_ext_key_usage, "serverAuth,clientAuth"),
            (NID_subject_key_identifier, "hash"),
        ] {
            let extensionPointer = try OpenSSL.check(
                X509V3_EXT_nconf_nid(nil, &context, nid, value), .badCertificate, "\(what): extension \(value)")
            defer { X509_EXTENSION_free(extensionPointer) }
            try OpenSSL.check(X509_add_ext(x509, extensionPointer, -1) == 1, .badCertificate, what)
        }
        // Ed25519 signs the whole message: no separate digest.
        try OpenSSL.check(X509_sign(x509, key.pointer, nil) > 0, .badCertificate, "cannot sign the \(what)")
        return certificate
    }

    private static func setRandomSerial(_ x509: OpaquePointer, _ what: String) throws {
        var serial = [UInt8](repeating: 0, count: 16)
        try OpenSSL.check(RAND_bytes(&serial, Int32(serial.count)) == 1, .badCertificate, "\(what): no random serial")
        serial[0] &= 0x7F
        serial[0] |= 0x40  // positive, and never shorter than 16 bytes
        let number = try OpenSSL.check(BN_bin2bn(serial, Int32(serial.count), nil), .badCertificate, what)
        defer { BN_free(number) }
        try OpenSSL.check(
            BN_to_ASN1_INTEGER(number, X509_get_serialNumber(x509)) != nil, .badCertificate, "\(what): serial")
    }

    /// The certificate as PEM.
    func pem() throws -> String {
        let bio = try MemoryBIO()
        try OpenSSL.check(PEM_write_bio_X509(bio.pointer, pointer) == 1, .badCertificate, "cannot encode a certificate")
        return bio.text
    }

    /// The DER encoding.
    func der() throws -> [UInt8] {
        let length = i2d_X509(pointer, nil)
        try OpenSSL.check(length > 0, .badCertificate, "cannot encode a certificate")
        var bytes = [UInt8](repeating: 0, count: Int(length))
        let written = bytes.withUnsafeMutableBufferPointer { buffer -> Int32 in
            var cursor = buffer.baseAddress
            return i2d_X509(pointer, &cursor)
        }
        try OpenSSL.check(written == length, .badCertificate, "cannot encode a certificate")
        return bytes
    }

    /// SHA-256 over the DER encoding.
    func fingerprint() throws -> Fingerprint {
        try Fingerprint.of(certificateDER: der())
    }

    /// The subject's first common name, or "" if it has none.
    var commonName: String {
        guard let subject = X509_get_subject_name(pointer) else { return "" }
        let index = X509_NAME_get_index_by_NID(subject, NID_commonName, -1)
        guard index >= 0, let entry = X509_NAME_get_entry(subject, index),
              let data = X509_NAME_ENTRY_get_data(entry) else { return "" }
        var utf8: UnsafeMutablePointer<UInt8>?
        let length = ASN1_STRING_to_UTF8(&utf8, data)
        guard let utf8, length >= 0 else { return "" }
        defer { confsync_OPENSSL_free(utf8) }
        return String(decoding: UnsafeBufferPointer(start: utf8, count: Int(length)), as: UTF8.self)
    }

    /// Whether `key` is the private half of this certificate's public key.
    func matches(_ key: PrivateKey) -> Bool {
        let matched = X509_check_private_key(pointer, key.pointer) == 1
        OpenSSL.clearErrors()
        return matched
    }
}
