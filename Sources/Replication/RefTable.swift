import GitStore
import Wire

/// The replicated references of a repository as one table (name -> commit), and the table
/// as `refs` carries it.
enum RefTable {
    /// Every replicated reference of `repository`, sorted by name.
    static func read(_ repository: Repository) throws -> [String: ObjectID] {
        var table: [String: ObjectID] = [:]
        for glob in ReplicatedRef.globs {
            for (name, target) in try repository.references(matching: glob) where ReplicatedRef(name: name) != nil {
                table[name] = target
            }
        }
        return table
    }

    /// The table as wire references, sorted by name.
    static func wire(_ table: [String: ObjectID]) -> [Ref] {
        table.sorted { $0.key < $1.key }.map { Ref(name: $0.key, id: $0.value.hex) }
    }

    /// A peer's wire references as a table; replicated names only, every id checked.
    static func parse(_ refs: [Ref], from peer: String) throws -> [String: ObjectID] {
        var table: [String: ObjectID] = [:]
        for ref in refs where ReplicatedRef(name: ref.name) != nil {
            table[ref.name] = try ObjectID(parsing: ref.id, "\(peer)'s \(ref.name)")
        }
        return table
    }
}

/// Facts about git pack bytes.
enum PackBytes {
    /// Whether `bytes` is empty or a pack that holds no object (nothing to index).
    static func holdsNothing(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 12 else { return true }
        return bytes[8] == 0 && bytes[9] == 0 && bytes[10] == 0 && bytes[11] == 0
    }

    /// The largest pack one `pack` message carries (the frame limit, less the length field).
    static let limit = Frame.defaultMaxPayload - 16

    /// Throws when `bytes` is too large for one `pack` message.
    static func checkSize(_ bytes: [UInt8], _ what: String) throws {
        guard bytes.count <= limit else {
            throw ReplicationError(
                .protocolError,
                "\(what): the pack is \(bytes.count >> 20) MiB, more than one message carries (\(limit >> 20) MiB); "
                    + "copy the repository once by hand (git clone --mirror), then replicate")
        }
    }
}
