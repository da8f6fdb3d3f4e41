import Director
import GitStore
import Posix

/// Unified diffs between two managed trees, with owner/group/mode changes spelled out.
public enum TreeDiff {
    public static func render(_ changes: [FileChange], repository: Repository) throws -> String {
        var out = ""
        for change in changes {
            let contentChanged = change.old?.entry.id != change.new?.entry.id
            if contentChanged {
                // git's own headers: diff --git, index, ---/+++.
                out += try repository.unifiedDiff(
                    old: change.old?.entry.id, new: change.new?.entry.id, path: change.path.tree)
                if !out.hasSuffix("\n") { out += "\n" }
            }
            if let old = change.old, let new = change.new, old.attributes != new.attributes {
                if !contentChanged { out += "diff --confsync \(change.path)\n" }
                out += "attributes \(old.attributes.summary) -> \(new.attributes.summary)\n"
            }
        }
        return out
    }
}
