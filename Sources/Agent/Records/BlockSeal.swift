import Transport

/// The checksum that closes a `state.log` block (version 2): the first 8 bytes of the
/// SHA-256 of the block's lines before its `saved` line, in hex. It tells a block that was
/// written whole from one that was cut short or damaged afterwards.
enum BlockSeal {
    /// Hex digits in a seal.
    static let length = 16

    static func of(_ block: ArraySlice<UInt8>) -> String {
        Digest.hex(Array(Digest.hash(.sha256, Array(block)).prefix(length / 2)))
    }
}
