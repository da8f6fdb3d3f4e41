import GitStore

/// The deploy records of two directors brought together. Each note on a commit holds one JSON
/// line per node and deploy, so two diverged notes histories merge by taking, per annotated
/// commit, the union of the lines: no record is ever lost.
enum DeployNotes {
    /// What `merge` did to the local notes reference.
    enum Outcome: Equatable {
        /// It already held everything `theirs` holds.
        case unchanged
        /// It moved forward to `theirs`.
        case fastForwarded
        /// A merge commit with both parents now holds the union of the records.
        case merged
    }

    /// Brings `theirs` (a notes commit, stored here) into the local notes reference: a
    /// fast-forward when possible, else a merge commit whose tree holds, per annotated object,
    /// the lines of both notes (ours first). The caller holds the repository lock.
    static func merge(_ theirs: ObjectID, into repository: Repository, author: Signature, peer: String) throws
        -> Outcome
    {
        let name = ReplicatedRef.notesName
        guard let ours = try repository.reference(name) else {
            _ = try repository.commit(theirs)
            try repository.updateReference(name, to: theirs, expected: nil, message: "replicate: notes from \(peer)")
            return .fastForwarded
        }
        if try ours == theirs || repository.isAncestor(theirs, of: ours) { return .unchanged }
        if try repository.isAncestor(ours, of: theirs) {
            try repository.updateReference(name, to: theirs, expected: ours, message: "replicate: notes from \(peer)")
            return .fastForwarded
        }
        var merged = try repository.noteEntries(ofNotesCommit: ours)
        for (annotated, entry) in try repository.noteEntries(ofNotesCommit: theirs) {
            guard let mine = merged[annotated] else {
                merged[annotated] = entry
                continue
            }
            guard mine.id != entry.id else { continue }
            let text = union(try repository.readBlob(mine.id), try repository.readBlob(entry.id))
            merged[annotated] = TreeEntry(id: try repository.writeBlob(text), mode: .blob)
        }
        var entries: [String: TreeEntry] = [:]
        for (annotated, entry) in merged { entries[annotated.hex] = entry }
        let tree = try repository.writeTree(entries)
        _ = try repository.createCommit(
            tree: tree, parents: [ours, theirs], author: author, committer: author,
            message: "Merge deploy records from \(peer)\n", updating: name, expected: ours)
        return .merged
    }

    /// The lines of `ours`, then those of `theirs` that `ours` lacks; each line ends in "\n".
    static func union(_ ours: [UInt8], _ theirs: [UInt8]) -> [UInt8] {
        var seen = Set<ArraySlice<UInt8>>()
        var result: [UInt8] = []
        result.reserveCapacity(ours.count + theirs.count)
        for text in [ours, theirs] {
            for line in text.split(separator: UInt8(ascii: "\n")) where seen.insert(line).inserted {
                result += line
                result.append(UInt8(ascii: "\n"))
            }
        }
        return result
    }
}
