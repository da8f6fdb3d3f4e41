import Transport

/// For tests that edit an agent's `state.log` by hand to set up a situation (not to damage
/// it): the agent reads a block whose seal no longer matches as damage.
enum StateFiles {
    /// `text` with the seal of every block (the field after `saved`) computed again: the
    /// first 8 bytes of the SHA-256 of the block's lines before it, in hex.
    static func resealed(_ text: String) -> String {
        var out = ""
        var block = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map({ $0 + "\n" }) {
            if out.isEmpty && block.isEmpty && line.hasPrefix("confsync-state-log\t") {
                out += line
            } else if line.hasPrefix("saved\t") {
                out += block + "saved\t" + Digest.hex(Array(Digest.hash(.sha256, Array(block.utf8)).prefix(8))) + "\n"
                block = ""
            } else {
                block += line
            }
        }
        return out + block
    }
}
