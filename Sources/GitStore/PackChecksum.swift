import COpenSSL

/// The SHA-1 that ends a pack (of every byte before it), through OpenSSL's EVP interface: the
/// one use of OpenSSL outside Transport, which GitStore cannot import.
enum PackChecksum {
    static func sha1(_ bytes: [UInt8]) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let ok = bytes.withUnsafeBytes { raw in
            EVP_Digest(raw.baseAddress, raw.count, &out, &length, EVP_sha1(), nil)
        }
        guard ok == 1, length == 20 else { throw GitError(.other, "computing a pack's SHA-1 with OpenSSL") }
        return Array(out.prefix(20))
    }
}
