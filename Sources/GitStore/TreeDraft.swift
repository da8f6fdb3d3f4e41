/// A tree being assembled from flat paths before it is written bottom-up.
final class TreeDraft {
    /// Files directly in this directory, by name.
    private(set) var files: [String: TreeEntry] = [:]
    /// Subdirectories, by name.
    private(set) var directories: [String: TreeDraft] = [:]

    /// Adds `entry` at `components` below this directory. `path` is only for messages.
    /// Throws `.invalid` when a name would be both a file and a directory.
    func insert(_ entry: TreeEntry, at components: ArraySlice<String>, path: String) throws {
        guard let name = components.first else { return }
        if components.count == 1 {
            guard directories[name] == nil else { throw conflict(path) }
            files[name] = entry
            return
        }
        guard files[name] == nil else { throw conflict(path) }
        let child: TreeDraft
        if let existing = directories[name] {
            child = existing
        } else {
            child = TreeDraft()
            directories[name] = child
        }
        try child.insert(entry, at: components.dropFirst(), path: path)
    }

    private func conflict(_ path: String) -> GitError {
        GitError(.invalid, "invalid tree path '\(path)': a file and a directory would have the same name")
    }
}
