import CGit2

extension Repository {
    /// Builds nested trees from a flat map (`"etc/squid3/squid.conf"` -> entry) and returns
    /// the root tree id; an empty map gives the empty tree. Throws `.notFound` if a blob is
    /// not stored (its type is not checked), and `.invalid` for empty, `.`, `..` or `.git`
    /// components, absolute paths, and a name used both as a file and as a directory.
    public func writeTree(_ entries: [String: TreeEntry]) throws -> ObjectID {
        let root = TreeDraft()
        for (path, entry) in entries {
            try root.insert(entry, at: TreePath.components(of: path)[...], path: path)
        }
        let odb = try Owned.make("writing a tree", release: git_odb_free) { git_repository_odb(&$0, pointer) }
        var checked = Set<ObjectID>()
        return try write(root, path: "", odb: odb, checked: &checked)
    }

    /// The flattened recursive listing of a tree: path -> entry, for files and symlinks
    /// (submodule entries are left out).
    public func readTree(_ tree: ObjectID) throws -> [String: TreeEntry] {
        var result: [String: TreeEntry] = [:]
        try collect(tree, prefix: "", into: &result)
        return result
    }

    /// The file or symlink at `path` in `tree`; nil if nothing, or a directory, is there.
    public func entry(at path: String, inTree tree: ObjectID) throws -> TreeEntry? {
        _ = try TreePath.components(of: path)
        let root = try lookup(tree, as: "tree", git_tree_lookup)
        guard let found = try treeEntry(at: path, in: root) else { return nil }
        return found.use { entry in
            guard let mode = FileMode(git: git_tree_entry_filemode(entry).rawValue),
                let id = git_tree_entry_id(entry)
            else { return nil }
            return TreeEntry(id: ObjectID(id), mode: mode)
        }
    }

    /// The id of whatever is at `path` in `tree` (blob, link or subtree), nil if nothing is;
    /// the empty path names the tree itself.
    func objectID(at path: String, inTree tree: ObjectID) throws -> ObjectID? {
        if path.isEmpty { return tree }
        let root = try lookup(tree, as: "tree", git_tree_lookup)
        return try treeEntry(at: path, in: root)?.use { entry in git_tree_entry_id(entry).map(ObjectID.init) }
    }

    /// The owned entry at `path` below `tree`, nil if there is none.
    private func treeEntry(at path: String, in tree: Owned<OpaquePointer>) throws -> Owned<OpaquePointer>? {
        do {
            return try Owned.make("reading '\(path)' in a tree", release: git_tree_entry_free) { out in
                tree.use { git_tree_entry_bypath(&out, $0, path) }
            }
        } catch let error as GitError where error.code == .notFound {
            return nil
        }
    }

    /// Writes `draft` and its subtrees bottom-up as tree objects; checks each blob once.
    private func write(
        _ draft: TreeDraft, path: String, odb: Owned<OpaquePointer>, checked: inout Set<ObjectID>
    ) throws -> ObjectID {
        var entries: [TreeEncoding.Entry] = []
        entries.reserveCapacity(draft.files.count + draft.directories.count)
        for (name, child) in draft.directories {
            let id = try write(child, path: TreePath.join(path, name), odb: odb, checked: &checked)
            entries.append(TreeEncoding.Entry(name: name, id: id, mode: TreeEncoding.treeMode))
        }
        for (name, entry) in draft.files {
            if !checked.contains(entry.id) {
                var oid = entry.id.oid
                guard odb.use({ git_odb_exists($0, &oid) }) == 1 else {
                    throw GitError(
                        .notFound, "writing tree entry '\(TreePath.join(path, name))': blob \(entry.id) is not stored")
                }
                checked.insert(entry.id)
            }
            entries.append(TreeEncoding.Entry(name: name, id: entry.id, mode: entry.mode.rawValue))
        }
        let bytes = TreeEncoding.encode(entries)
        var oid = git_oid()
        let rc = bytes.withUnsafeBytes { raw in
            odb.use { git_odb_write(&oid, $0, raw.baseAddress, raw.count, GIT_OBJECT_TREE) }
        }
        try check(rc, "writing tree '\(path)'")
        return ObjectID(oid)
    }

    private func collect(_ id: ObjectID, prefix: String, into result: inout [String: TreeEntry]) throws {
        let tree = try lookup(id, as: "tree", git_tree_lookup)
        try tree.use { tree in
            for index in 0..<git_tree_entrycount(tree) {
                guard let entry = git_tree_entry_byindex(tree, index), let name = git_tree_entry_name(entry),
                    let oid = git_tree_entry_id(entry)
                else { continue }
                let path = TreePath.join(prefix, String(cString: name))
                let mode = git_tree_entry_filemode(entry).rawValue
                if mode == GIT_FILEMODE_TREE.rawValue {
                    try collect(ObjectID(oid), prefix: path, into: &result)
                } else if let fileMode = FileMode(git: mode) {
                    result[path] = TreeEntry(id: ObjectID(oid), mode: fileMode)
                }
            }
        }
    }
}
