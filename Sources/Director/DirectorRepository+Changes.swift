import GitStore
import Posix

extension DirectorRepository {
    /// What changed between two commits, per managed file, from git's tree diff: unchanged
    /// subtrees are never read, so a one-file change in a 10,000-file tree costs a few lookups
    /// (plus reading the attributes file when it changed). Same result as
    /// `tree(of: old).changes(to: tree(of: new))`.
    public func changes(from old: Commit?, to new: Commit) throws -> [FileChange] {
        let treeChanges = try repository.diff(from: old?.tree, to: new.tree)
        let attributesChanged = treeChanges.contains { $0.path == AttributesFile.treePath }
        // Unless the attributes file changed, only the changed paths' lines are needed.
        let only = attributesChanged ? nil : Set(treeChanges.map(\.path))
        let newAttributes = try attributes(in: new.tree, only: only)
        let oldAttributes = attributesChanged ? try old.map { try attributes(in: $0.tree) } ?? [:] : newAttributes

        var entries: [String: (old: TreeEntry?, new: TreeEntry?)] = [:]
        for change in treeChanges where change.path != AttributesFile.treePath {
            entries[change.path] = (change.old, change.new)
        }
        if attributesChanged {
            for path in Set(oldAttributes.keys).union(newAttributes.keys)
            where entries[path] == nil && oldAttributes[path] != newAttributes[path] {
                let entry = try repository.entry(at: path, inTree: new.tree)
                entries[path] = (entry, entry)
            }
        }
        var result: [FileChange] = []
        for (path, pair) in entries {
            let oldFile = pair.old.map { ManagedFile(entry: $0, attributes: Self.attributes(oldAttributes[path], for: $0)) }
            let newFile = pair.new.map { ManagedFile(entry: $0, attributes: Self.attributes(newAttributes[path], for: $0)) }
            if oldFile != newFile {
                result.append(FileChange(path: try ManagedPath.read(tree: path, in: new.tree), old: oldFile, new: newFile))
            }
        }
        return result.sorted { $0.path < $1.path }
    }

    private func attributes(in tree: ObjectID, only paths: Set<String>? = nil) throws -> [String: FileAttributes] {
        guard let entry = try repository.entry(at: AttributesFile.treePath, inTree: tree) else { return [:] }
        return AttributesFile.parse(try repository.readBlob(entry.id), only: paths)
    }

    /// A file's recorded attributes, or what `ManagedTree.read` assumes without a record.
    static func attributes(_ recorded: FileAttributes?, for entry: TreeEntry) -> FileAttributes {
        recorded ?? FileAttributes(mode: entry.mode == .executable ? 0o755 : 0o644, owner: "root", group: "root")
    }
}
