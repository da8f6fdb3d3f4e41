import GitStore
import Posix

/// One managed file as a commit records it.
public struct ManagedFile: Hashable, Sendable {
    public var entry: TreeEntry
    public var attributes: FileAttributes

    public init(entry: TreeEntry, attributes: FileAttributes) {
        self.entry = entry
        self.attributes = attributes
    }
}

/// The managed files of a commit, keyed by managed path ("/etc/squid3/squid.conf").
/// In the git tree a file is at the path's tree form (`ManagedPath.tree`, no leading slash)
/// and attributes live in `.confsync/attributes`.
public struct ManagedTree: Hashable, Sendable {
    public var files: [ManagedPath: ManagedFile]

    public init(files: [ManagedPath: ManagedFile] = [:]) {
        self.files = files
    }

    public var paths: [ManagedPath] { files.keys.sorted() }

    /// Reads a commit's tree (nil = the empty tree).
    public static func read(_ repository: Repository, tree: ObjectID?) throws -> ManagedTree {
        guard let tree else { return ManagedTree() }
        let entries = try repository.readTree(tree)
        var attributes: [String: FileAttributes] = [:]
        if let attributesEntry = entries[AttributesFile.treePath] {
            attributes = AttributesFile.parse(try repository.readBlob(attributesEntry.id))
        }
        var files: [ManagedPath: ManagedFile] = [:]
        for (treePath, entry) in entries where treePath != AttributesFile.treePath {
            let fallback = FileAttributes(
                mode: entry.mode == .executable ? 0o755 : 0o644, owner: "root", group: "root")
            let path = try ManagedPath.read(tree: treePath, in: tree)
            files[path] = ManagedFile(entry: entry, attributes: attributes[treePath] ?? fallback)
        }
        return ManagedTree(files: files)
    }

    /// Writes the tree (content entries plus the attributes file) and returns its id.
    public func write(to repository: Repository) throws -> ObjectID {
        var entries: [String: TreeEntry] = [:]
        var attributes: [String: FileAttributes] = [:]
        entries.reserveCapacity(files.count + 1)
        for (path, file) in files {
            let treePath = path.tree
            entries[treePath] = file.entry
            attributes[treePath] = file.attributes
        }
        if !files.isEmpty {
            let id = try repository.writeBlob(AttributesFile.render(attributes))
            entries[AttributesFile.treePath] = TreeEntry(id: id, mode: .blob)
        }
        return try repository.writeTree(entries)
    }

    /// Per-path differences from `self` to `other`, sorted by path.
    public func changes(to other: ManagedTree) -> [FileChange] {
        var result: [FileChange] = []
        for (path, old) in files {
            let new = other.files[path]
            if new != old { result.append(FileChange(path: path, old: old, new: new)) }
        }
        for (path, new) in other.files where files[path] == nil {
            result.append(FileChange(path: path, old: nil, new: new))
        }
        return result.sorted { $0.path < $1.path }
    }
}

/// How one managed file differs between two trees.
public struct FileChange: Hashable, Sendable {
    public var path: ManagedPath
    public var old: ManagedFile?
    public var new: ManagedFile?

    public init(path: ManagedPath, old: ManagedFile?, new: ManagedFile?) {
        self.path = path
        self.old = old
        self.new = new
    }

    public enum Kind: String, Sendable {
        case added = "A", deleted = "D", modified = "M", attributes = "T"
    }

    /// Added, deleted, content modified, or only owner/group/mode changed.
    public var kind: Kind {
        switch (old, new) {
        case (nil, _): .added
        case (_, nil): .deleted
        case (let old?, let new?): old.entry == new.entry ? .attributes : .modified
        }
    }

    /// "M /etc/squid3/squid.conf", with the attribute change spelled out where there is one.
    public var summary: String {
        var line = "\(kind.rawValue) \(path)"
        if let old, let new, old.attributes != new.attributes {
            line += "  (\(old.attributes.summary) -> \(new.attributes.summary))"
        }
        return line
    }
}
