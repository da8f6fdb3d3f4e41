import CGit2

extension Repository {
    /// The files that differ between two trees (nil = the empty tree), sorted by path, with
    /// modes and blob ids. Unchanged subtrees are skipped without being read. A file replaced
    /// by a directory is a deletion plus additions; renames are not detected.
    public func diff(from old: ObjectID?, to new: ObjectID?) throws -> [TreeChange] {
        var changes: [TreeChange] = []
        try compare(old, new, prefix: "", into: &changes)
        return changes.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    }

    /// A unified diff with 3 lines of context between two blobs (nil = absent), headed
    /// `diff --git`, `--- a/path` and `+++ b/path` (`/dev/null` for an absent side), or
    /// `Binary files a/path and b/path differ` for binary content; "" when they are equal.
    /// Blobs carry no mode, so the `index` line always says `100644`.
    public func unifiedDiff(old: ObjectID?, new: ObjectID?, path: String) throws -> String {
        guard old != new else { return "" }
        let context = "diffing '\(path)' from \(old?.short ?? "nothing") to \(new?.short ?? "nothing")"
        let oldBlob = try old.map { try lookup($0, as: "blob", git_blob_lookup) }
        let newBlob = try new.map { try lookup($0, as: "blob", git_blob_lookup) }
        var options = git_diff_options()
        try check(git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION)), context)
        options.context_lines = 3
        let patch = try Owned.make(context, release: git_patch_free) { out in
            oldBlob.use { oldPointer in
                newBlob.use { newPointer in
                    git_patch_from_blobs(&out, oldPointer, path, newPointer, path, &options)
                }
            }
        }
        let text = try bufferBytes(context) { buffer in patch.use { git_patch_to_buf(&buffer, $0) } }
        return String(decoding: text, as: UTF8.self)
    }

    /// The same unified diff from blob `old` (nil = absent) to `content`, which is diffed in
    /// memory and not stored: what `unifiedDiff(old:new:)` gives once `content` is a blob, and
    /// "" when it is `old`'s content.
    public func unifiedDiff(old: ObjectID?, content: [UInt8], path: String) throws -> String {
        let context = "diffing '\(path)' from \(old?.short ?? "nothing") to \(content.count) bytes in memory"
        if let old, old == (try Self.blobID(of: content)) { return "" }
        let oldBlob = try old.map { try lookup($0, as: "blob", git_blob_lookup) }
        var options = git_diff_options()
        try check(git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION)), context)
        options.context_lines = 3
        // An empty buffer needs an address all the same: a null one would be an absent file.
        let bytes = content.isEmpty ? [0] : content
        let patch = try Owned.make(context, release: git_patch_free) { out in
            oldBlob.use { oldPointer in
                bytes.withUnsafeBytes { raw in
                    git_patch_from_blob_and_buffer(&out, oldPointer, path, raw.baseAddress, content.count, path, &options)
                }
            }
        }
        let text = try bufferBytes(context) { buffer in patch.use { git_patch_to_buf(&buffer, $0) } }
        return String(decoding: text, as: UTF8.self)
    }

    /// Appends the changes between trees `old` and `new` (nil = empty) found under `prefix`.
    private func compare(
        _ old: ObjectID?, _ new: ObjectID?, prefix: String, into changes: inout [TreeChange]
    ) throws {
        guard old != new else { return }
        let before = try directEntries(of: old)
        let after = try directEntries(of: new)
        for (name, oldEntry) in before where after[name] == nil {
            try record(TreePath.join(prefix, name), oldEntry, nil, into: &changes)
        }
        for (name, newEntry) in after {
            try record(TreePath.join(prefix, name), before[name], newEntry, into: &changes)
        }
    }

    /// Appends what happened at one path, descending into subtrees.
    private func record(
        _ path: String, _ old: RawEntry?, _ new: RawEntry?, into changes: inout [TreeChange]
    ) throws {
        if old?.id == new?.id, old?.mode == new?.mode { return }
        let oldTree = old.flatMap { $0.isTree ? $0.id : nil }
        let newTree = new.flatMap { $0.isTree ? $0.id : nil }
        if oldTree != nil || newTree != nil {
            try compare(oldTree, newTree, prefix: path, into: &changes)
        }
        let oldFile = old.flatMap(\.file)
        let newFile = new.flatMap(\.file)
        switch (oldFile, newFile) {
        case (nil, nil):
            return
        case (let before?, nil):
            changes.append(TreeChange(path: path, status: .deleted, old: before, new: nil))
        case (nil, let after?):
            changes.append(TreeChange(path: path, status: .added, old: nil, new: after))
        case (let before?, let after?):
            guard before != after else { return }
            let linkChanged = (before.mode == .symlink) != (after.mode == .symlink)
            changes.append(
                TreeChange(path: path, status: linkChanged ? .typeChanged : .modified, old: before, new: after))
        }
    }

    /// The entries directly in tree `id` (none for nil), by name.
    private func directEntries(of id: ObjectID?) throws -> [String: RawEntry] {
        guard let id else { return [:] }
        let tree = try lookup(id, as: "tree", git_tree_lookup)
        return try tree.use { tree in
            var entries: [String: RawEntry] = [:]
            for index in 0..<git_tree_entrycount(tree) {
                guard let entry = git_tree_entry_byindex(tree, index), let name = git_tree_entry_name(entry) else {
                    continue
                }
                let oid = try copyID(git_tree_entry_id(entry), "reading tree \(id)")
                entries[String(cString: name)] = RawEntry(id: oid, mode: git_tree_entry_filemode(entry).rawValue)
            }
            return entries
        }
    }
}

/// A tree entry of any kind, as stored.
private struct RawEntry {
    var id: ObjectID
    var mode: UInt32

    var isTree: Bool { mode == GIT_FILEMODE_TREE.rawValue }

    /// The entry as a file or symlink; nil for trees and submodules.
    var file: TreeEntry? { FileMode(git: mode).map { TreeEntry(id: id, mode: $0) } }
}
