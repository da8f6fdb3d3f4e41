import GitStore
import Posix

extension ManagedTree {
    /// Writes this tree by updating `base`: the tree `write(to:)` wrote for the files this
    /// tree had before `changes`. The result is what `write(to:)` gives, but only the
    /// directories on a changed path (and the attributes file, when an attribute changed or a
    /// file came or went) are written again.
    func write(updating base: ObjectID, with changes: [FileChange], to repository: Repository) throws -> ObjectID {
        var updates: [String: TreeEntry?] = [:]
        var attributesChanged = false
        for change in changes {
            let treePath = change.path.tree
            // `write(to:)` puts the attributes file there, whatever file has that path.
            if treePath != AttributesFile.treePath { updates.updateValue(change.new?.entry, forKey: treePath) }
            if change.old?.attributes != change.new?.attributes { attributesChanged = true }
        }
        if attributesChanged {
            updates.updateValue(try attributesEntry(in: repository), forKey: AttributesFile.treePath)
        }
        return try repository.writeTree(updating: base, with: updates)
    }

    /// The attributes file's entry as `write(to:)` writes it; nil for no files.
    private func attributesEntry(in repository: Repository) throws -> TreeEntry? {
        guard !files.isEmpty else { return nil }
        var attributes: [String: FileAttributes] = [:]
        attributes.reserveCapacity(files.count)
        for (path, file) in files { attributes[path.tree] = file.attributes }
        return TreeEntry(id: try repository.writeBlob(AttributesFile.render(attributes)), mode: .blob)
    }
}
