/// Opens directories under a root one after another, keeping the chain of ancestors of the
/// last one open: visiting directories in sorted order opens each only once, while at most
/// `depth` descriptors stay open.
public struct DirectoryWalker {
    private let root: Directory
    private var chain = [(name: String, directory: Directory)]()

    public init(root: Directory) {
        self.root = root
    }

    /// The directory at `components` below the root; nil when it (or a parent) is missing and
    /// `creating` is false. Created directories are appended to `created` (live paths) and,
    /// when `syncCreated`, their parents fsynced. A symlink or non-directory on the way throws
    /// (`PosixError.Code.refused`).
    public mutating func open(
        _ components: [String], creating: Bool = false, syncCreated: Bool = false, created: inout [String]
    ) throws -> Directory? {
        var common = 0
        while common < chain.count && common < components.count && chain[common].name == components[common] {
            common += 1
        }
        chain.removeLast(chain.count - common)
        for name in components[common...] {
            let parent = chain.last?.directory ?? root
            var next = try parent.subdirectory(name)
            if next == nil && creating {
                if try parent.makeSubdirectory(name) {
                    created.append(parent.entryPath(name))
                    if syncCreated { try parent.sync() }
                }
                next = try parent.subdirectory(name)
            }
            guard let next else { return nil }
            chain.append((name, next))
        }
        return chain.last?.directory ?? root
    }

    /// How many components of the last `open` exist (all of them when it succeeded).
    public var depth: Int { chain.count }

    /// `open` without creating.
    public mutating func open(_ components: [String]) throws -> Directory? {
        var created = [String]()
        return try open(components, created: &created)
    }
}

extension Sequence {
    /// Elements grouped by the directory of their managed path (`path`), groups sorted by
    /// the directory's components (for a `DirectoryWalker`), elements in their original
    /// order within a group. Each directory is split into components once, not each path.
    @inlinable
    public func groupedByDirectory(path: (Element) -> String) -> [(directory: [String], elements: [Element])] {
        var groups: [Substring: [Element]] = [:]
        for element in self { groups[ManagedPath(unchecked: path(element)).parentKey, default: []].append(element) }
        return groups.map { (directory: $0.key.split(separator: "/").map(String.init), elements: $0.value) }
            .sorted { $0.directory.lexicographicallyPrecedes($1.directory) }
    }
}
