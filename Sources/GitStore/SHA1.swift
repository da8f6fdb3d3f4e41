import COpenSSL

/// SHA-1 through OpenSSL's EVP interface, for the packs GitStore writes (their objects' ids,
/// their trailers, their indexes): the one use of OpenSSL outside Transport, which GitStore
/// cannot import. (libgit2 hashes with its collision-detecting SHA-1, several times slower.)
enum SHA1 {
    /// The 20-byte digest of `parts`, concatenated.
    static func digest(_ parts: [UInt8]...) throws -> [UInt8] {
        guard let context = EVP_MD_CTX_new() else { throw failure }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestInit_ex(context, EVP_sha1(), nil) == 1 else { throw failure }
        for part in parts {
            guard part.withUnsafeBytes({ EVP_DigestUpdate(context, $0.baseAddress, $0.count) }) == 1 else { throw failure }
        }
        var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        guard EVP_DigestFinal_ex(context, &out, &length) == 1, length == 20 else { throw failure }
        return Array(out.prefix(20))
    }

    /// The git id of `content` as a blob: the SHA-1 of "blob SIZE\0" and the content.
    static func blobID(of content: [UInt8]) throws -> ObjectID {
        ObjectID(bytes: try digest(Array("blob \(content.count)\0".utf8), content))
    }

    private static var failure: GitError { GitError(.other, "computing a SHA-1 with OpenSSL") }
}
