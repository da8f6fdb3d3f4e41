/// The bytes of a git tree object: entries sorted the way git sorts them, each
/// `<octal mode> <name>\0<20-byte id>`.
enum TreeEncoding {
    /// One entry of a tree object: a file or link (`FileMode`) or a subtree.
    struct Entry {
        var name: String
        var id: ObjectID
        /// The raw git mode: `0o40000` for a subtree.
        var mode: UInt32

        var isTree: Bool { mode == treeMode }
    }

    /// The git mode of a subtree entry.
    static let treeMode: UInt32 = 0o40000

    /// The serialised tree holding `entries` (names must be unique and valid).
    static func encode(_ entries: [Entry]) -> [UInt8] {
        let sorted = entries.map { (key: sortKey($0), entry: $0) }
            .sorted { $0.key.lexicographicallyPrecedes($1.key) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(entries.reduce(0) { $0 + $1.name.utf8.count + 28 })
        for (_, entry) in sorted {
            bytes.append(contentsOf: String(entry.mode, radix: 8).utf8)
            bytes.append(UInt8(ascii: " "))
            bytes.append(contentsOf: entry.name.utf8)
            bytes.append(0)
            bytes.append(contentsOf: entry.id.bytes)
        }
        return bytes
    }

    /// git compares a subtree's name as if it ended with `/`.
    private static func sortKey(_ entry: Entry) -> [UInt8] {
        Array(entry.name.utf8) + (entry.isTree ? [UInt8(ascii: "/")] : [])
    }
}
