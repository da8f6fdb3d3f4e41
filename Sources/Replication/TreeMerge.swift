import Director
import Posix

/// A three-way merge of managed trees, file by file: a file changed on one side only takes
/// that change; changed the same way on both, it is taken once; changed differently on both
/// (content, or owner/group/mode, or deleted on one side and changed on the other) it is a
/// conflict. Content and attributes merge separately, so one side's chmod and the other's
/// edit of the same file combine.
public enum TreeMerge {
    /// A file both sides changed differently since the base.
    public struct Conflict: Sendable, Hashable {
        public var path: ManagedPath
        public var base: ManagedFile?
        public var ours: ManagedFile?
        public var theirs: ManagedFile?
    }

    /// The merged files (without the conflicting paths) and the conflicts, sorted by path.
    public static func merge(
        base: ManagedTree, ours: ManagedTree, theirs: ManagedTree
    ) -> (merged: ManagedTree, conflicts: [Conflict]) {
        var merged = ManagedTree()
        var conflicts: [Conflict] = []
        let paths = Set(base.files.keys).union(ours.files.keys).union(theirs.files.keys)
        for path in paths.sorted() {
            let b = base.files[path]
            let o = ours.files[path]
            let t = theirs.files[path]
            if let file = pick(b, o, t) {
                if let chosen = file { merged.files[path] = chosen }
            } else if let b, let o, let t, let entry = pick(b.entry, o.entry, t.entry),
                let attributes = pick(b.attributes, o.attributes, t.attributes)
            {
                merged.files[path] = ManagedFile(entry: entry, attributes: attributes)
            } else {
                conflicts.append(Conflict(path: path, base: b, ours: o, theirs: t))
            }
        }
        return (merged, conflicts)
    }

    /// The three-way result of one value: the side that changed, or the agreed value;
    /// nil when both changed it differently.
    static func pick<T: Equatable>(_ base: T, _ ours: T, _ theirs: T) -> T? {
        if ours == theirs { return ours }
        if ours == base { return theirs }
        if theirs == base { return ours }
        return nil
    }
}
