import COpenSSL

/// An owned OpenSSL private key (EVP_PKEY).
///
/// `@unchecked Sendable`: never mutated after creation, and OpenSSL allows a key to be
/// used (signing, adding to contexts) from several threads at once.
final class PrivateKey: @unchecked Sendable {
    let pointer: OpaquePointer

    private init(owning pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit { EVP_PKEY_free(pointer) }

    /// A new Ed25519 key from OpenSSL's CSPRNG.
    static func generateEd25519() throws -> PrivateKey {
        let context = try OpenSSL.check(
            EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, nil), .badKey, "cannot create an Ed25519 key context")
        defer { EVP_PKEY_CTX_free(context) }
        try OpenSSL.check(EVP_PKEY_keygen_init(context) == 1, .badKey, "cannot initialise Ed25519 key generation")
        var key: OpaquePointer?
        try OpenSSL.check(EVP_PKEY_generate(context, &key) == 1, .badKey, "cannot generate an Ed25519 key")
        return PrivateKey(owning: try OpenSSL.check(key, .badKey, "no Ed25519 key generated"))
    }

    /// Parses an unencrypted PEM private key (PKCS#8 or a traditional format); `source` names it in errors.
    init(pem: String, source: String) throws {
        let bio = try MemoryBIO(reading: pem)
        pointer = try OpenSSL.check(
            PEM_read_bio_PrivateKey(bio.pointer, nil, nil, nil), .badKey, "\(source): not a PEM private key")
    }

    /// The key as unencrypted PKCS#8 PEM.
    func pem() throws -> String {
        let bio = try MemoryBIO()
        try OpenSSL.check(
            PEM_write_bio_PrivateKey(bio.pointer, pointer, nil, nil, 0, nil, nil) == 1,
            .badKey, "cannot encode the private key")
        return bio.text
    }
}
