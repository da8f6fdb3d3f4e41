import COpenSSL

/// Proof of a group's pre-shared key (csync2's `key` file) bound to one TLS session; the
/// key never travels.
///
/// proof = HMAC-SHA256(key, exporter || UInt16BE(role byte count) || role || nonce), where
/// exporter is 32 bytes of `exportKeyingMaterial(label: "EXPORTER-confsync-key-proof")`.
/// The exporter ties the proof to this session (a man in the middle has two sessions with
/// different exporters), the role ("director", "agent") stops a proof from being reflected
/// back to its sender, and the length prefix keeps role and nonce apart.
public enum KeyProof {
    /// The exporter label; part of the protocol.
    public static let exporterLabel = "EXPORTER-confsync-key-proof"

    /// The proof that this side, acting as `role`, holds `key`, for the peer's `nonce`.
    public static func make(key: [UInt8], connection: TLSConnection, role: String, nonce: [UInt8]) throws -> [UInt8] {
        guard !key.isEmpty else { throw TransportError(.badKey, "the group key is empty") }
        let exporter = try connection.exportKeyingMaterial(label: exporterLabel, length: 32)
        let roleBytes = Array(role.utf8)
        guard roleBytes.count <= Int(UInt16.max) else { throw TransportError(.badKey, "key proof role too long") }
        let message = exporter + [UInt8(roleBytes.count >> 8), UInt8(roleBytes.count & 0xFF)] + roleBytes + nonce
        var mac = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let done = HMAC(EVP_sha256(), key, Int32(clamping: key.count), message, message.count, &mac, &length)
        try OpenSSL.check(done != nil && length == 32, .tls, "cannot compute the key proof")
        return Array(mac.prefix(Int(length)))
    }

    /// Whether `proof` is what a holder of `key` acting as `role` sends on this connection
    /// for `nonce`. Compared in constant time.
    public static func verify(
        _ proof: [UInt8], key: [UInt8], connection: TLSConnection, role: String, nonce: [UInt8]
    ) throws -> Bool {
        let expected = try make(key: key, connection: connection, role: role, nonce: nonce)
        guard proof.count == expected.count else { return false }
        return CRYPTO_memcmp(proof, expected, expected.count) == 0
    }

    /// 32 bytes from OpenSSL's CSPRNG (the system's if OpenSSL's ever fails).
    public static func randomNonce() -> [UInt8] {
        var nonce = [UInt8](repeating: 0, count: 32)
        if RAND_bytes(&nonce, Int32(nonce.count)) != 1 {
            OpenSSL.clearErrors()
            var generator = SystemRandomNumberGenerator()
            nonce = nonce.map { _ in generator.next() }
        }
        return nonce
    }
}
