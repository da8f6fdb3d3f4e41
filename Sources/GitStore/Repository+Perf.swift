import CGit2

extension Repository {
    /// `base` with `changes` applied: each path (spelled as for `writeTree`) gets its entry, or
    /// loses its file when the entry is nil. Only the trees on a changed path are rewritten, so a
    /// one-file change to a 10,000-file tree writes a handful of objects. A directory left empty
    /// is dropped; the root left empty is the empty tree. Entries not named in `changes` are
    /// kept exactly as `base` has them, so when `base` is what `writeTree` wrote for some files,
    /// the result is what `writeTree` writes for those files with `changes` applied.
    /// Throws as `writeTree` does: `.invalid` for a bad path or a name that would be both a file
    /// and a directory, `.notFound` for a blob that is not stored or a `base` that is no tree.
    public func writeTree(updating base: ObjectID, with changes: [String: TreeEntry?]) throws -> ObjectID {
        let root = TreeUpdate()
        for (path, entry) in changes {
            try root.insert(entry, at: TreePath.components(of: path)[...])
        }
        let odb = try Owned.make("writing a tree", release: git_odb_free) { git_repository_odb(&$0, pointer) }
        let entries = try updatedEntries(root, base: base, path: "", odb: odb)
        return try writeTreeObject(entries, path: "", odb: odb)
    }

    /// The entries of the tree at `path` once `update` is applied to `base` (nil: no tree there yet).
    /// Subtrees are written on the way; an empty result means the directory is gone.
    private func updatedEntries(
        _ update: TreeUpdate, base: ObjectID?, path: String, odb: Owned<OpaquePointer>
    ) throws -> [String: TreeEncoding.Entry] {
        var entries = try base.map { try directEntries(of: $0) } ?? [:]
        for (name, entry) in update.files where entry == nil && entries[name]?.isTree == false {
            entries[name] = nil
        }
        for (name, child) in update.directories {
            let existing = entries[name]
            let childEntries = try updatedEntries(
                child, base: existing?.isTree == true ? existing?.id : nil, path: TreePath.join(path, name), odb: odb)
            if childEntries.isEmpty {
                if existing?.isTree == true { entries[name] = nil }
                continue
            }
            if existing.map({ !$0.isTree }) ?? false { throw conflict(TreePath.join(path, name)) }
            let id = try writeTreeObject(childEntries, path: TreePath.join(path, name), odb: odb)
            entries[name] = TreeEncoding.Entry(name: name, id: id, mode: TreeEncoding.treeMode)
        }
        for case (let name, let entry?) in update.files {
            let entryPath = TreePath.join(path, name)
            if entries[name]?.isTree == true { throw conflict(entryPath) }
            var oid = entry.id.oid
            guard odb.use({ git_odb_exists($0, &oid) }) == 1 else {
                throw GitError(.notFound, "writing tree entry '\(entryPath)': blob \(entry.id) is not stored")
            }
            entries[name] = TreeEncoding.Entry(name: name, id: entry.id, mode: entry.mode.rawValue)
        }
        return entries
    }

    /// The entries directly in tree `id`, by name, with their raw git modes.
    private func directEntries(of id: ObjectID) throws -> [String: TreeEncoding.Entry] {
        let tree = try lookup(id, as: "tree", git_tree_lookup)
        return tree.use { tree in
            var entries: [String: TreeEncoding.Entry] = [:]
            let count = git_tree_entrycount(tree)
            entries.reserveCapacity(count)
            for index in 0..<count {
                guard let entry = git_tree_entry_byindex(tree, index), let name = git_tree_entry_name(entry),
                    let oid = git_tree_entry_id(entry)
                else { continue }
                let text = String(cString: name)
                entries[text] = TreeEncoding.Entry(
                    name: text, id: ObjectID(oid), mode: git_tree_entry_filemode(entry).rawValue)
            }
            return entries
        }
    }

    private func writeTreeObject(
        _ entries: [String: TreeEncoding.Entry], path: String, odb: Owned<OpaquePointer>
    ) throws -> ObjectID {
        let bytes = TreeEncoding.encode(Array(entries.values))
        var oid = git_oid()
        let rc = bytes.withUnsafeBytes { raw in
            odb.use { git_odb_write(&oid, $0, raw.baseAddress, raw.count, GIT_OBJECT_TREE) }
        }
        try check(rc, "writing tree '\(path)'")
        return ObjectID(oid)
    }

    private func conflict(_ path: String) -> GitError {
        GitError(.invalid, "invalid tree path '\(path)': a file and a directory would have the same name")
    }
}

/// The changes below one directory, before they are applied to its tree.
private final class TreeUpdate {
    /// Files directly in this directory: the new entry, or nil to remove the file.
    private(set) var files: [String: TreeEntry?] = [:]
    /// Subdirectories with changes below them, by name.
    private(set) var directories: [String: TreeUpdate] = [:]

    func insert(_ entry: TreeEntry?, at components: ArraySlice<String>) {
        guard let name = components.first else { return }
        if components.count == 1 {
            files.updateValue(entry, forKey: name)
            return
        }
        let child: TreeUpdate
        if let existing = directories[name] {
            child = existing
        } else {
            child = TreeUpdate()
            directories[name] = child
        }
        child.insert(entry, at: components.dropFirst())
    }
}

extension ObjectID {
    /// The number of raw bytes in an id.
    public static let byteCount = 20

    /// The id whose raw bytes start `raw`; nil if `raw` holds fewer than `byteCount` bytes.
    public init?(rawBytes raw: UnsafeRawBufferPointer) {
        guard raw.count >= Self.byteCount else { return nil }
        var oid = git_oid()
        withUnsafeMutableBytes(of: &oid.id) { target in
            target.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw.prefix(Self.byteCount)))
        }
        self.init(oid)
    }

    /// Lends the id's 20 raw bytes to `body`.
    public func withRawBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try withUnsafeBytes(of: oid.id) { try body($0) }
    }
}
