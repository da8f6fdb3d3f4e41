import Transport

/// Git blob ids, through Transport's OpenSSL digests.
enum BlobID {
    /// The git blob id (hex) of `content`.
    static func of(_ content: [UInt8]) -> String {
        Digest.gitBlobID(content)
    }
}
