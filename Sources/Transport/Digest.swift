import COpenSSL

/// Hashes through OpenSSL's EVP interface.
public enum Digest {
    public enum Algorithm: Sendable {
        case sha1, sha256

        fileprivate var md: OpaquePointer? {
            switch self {
            case .sha1: EVP_sha1()
            case .sha256: EVP_sha256()
            }
        }
    }

    /// The digest of `parts`, concatenated, as raw bytes.
    public static func hash(_ algorithm: Algorithm, _ parts: [UInt8]...) -> [UInt8] {
        hash(algorithm, parts: parts)
    }

    public static func hash(_ algorithm: Algorithm, parts: [[UInt8]]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        guard let ctx = EVP_MD_CTX_new() else { return [] }
        defer { EVP_MD_CTX_free(ctx) }
        guard EVP_DigestInit_ex(ctx, algorithm.md, nil) == 1 else { return [] }
        for part in parts {
            let ok = part.withUnsafeBytes { EVP_DigestUpdate(ctx, $0.baseAddress, $0.count) }
            guard ok == 1 else { return [] }
        }
        guard EVP_DigestFinal_ex(ctx, &out, &length) == 1 else { return [] }
        return Array(out.prefix(Int(length)))
    }

    /// The git blob id of `content`: SHA-1 of "blob <size>\0" + content, in hex.
    /// Agents use it to check content on arrival and to detect drift without a repository.
    public static func gitBlobID(_ content: [UInt8]) -> String {
        hex(hash(.sha1, Array("blob \(content.count)\0".utf8), content))
    }

    /// Lowercase hex.
    public static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var chars = [UInt8]()
        chars.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            chars.append(digits[Int(byte >> 4)])
            chars.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: chars, as: UTF8.self)
    }
}
