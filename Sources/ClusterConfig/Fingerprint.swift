/// Certificate fingerprints as written in the confsync block: `SHA256:` followed by 32
/// hex byte pairs separated by `:` (case-insensitive).
enum Fingerprint {
    /// The canonical form (`SHA256:` + upper-case pairs), or nil when the shape is wrong.
    static func normalized(_ text: String) -> String? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 33, parts[0].uppercased() == "SHA256" else { return nil }
        let pairs = parts.dropFirst()
        guard pairs.allSatisfy({ $0.utf8.count == 2 && $0.utf8.allSatisfy(isHexDigit) }) else { return nil }
        return "SHA256:" + pairs.map { $0.uppercased() }.joined(separator: ":")
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x66)
    }
}
