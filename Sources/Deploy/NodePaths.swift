import ClusterConfig
import Wire

/// The node boundary for `%prefix%` directories. A deploy plans, records and reports in the
/// director's paths; what it sends a node names the node's paths (csync2's `%prefix%/rest`
/// put under the node's own directory for the prefix), and what a node sends back is
/// renamed to the director's paths as it arrives. `NodeSession` is the only user.
struct NodePaths: Sendable {
    /// Director paths to node paths.
    let toNode: PathRenaming
    /// Node paths to director paths.
    let toDirector: PathRenaming

    init(_ plan: NodePlan) {
        toNode = plan.toNode
        toDirector = plan.toNode.inverse
    }

    /// `apply` with the node's paths (its changes and the paths its actions substitute for `%%`).
    func outgoing(_ apply: Apply) -> Apply {
        guard !toNode.isIdentity else { return apply }
        var renamed = apply
        renamed.changes = Self.rename(apply.changes, \.path, by: toNode)
        renamed.actions = apply.actions.map { action in
            var action = action
            action.paths = action.paths.map { toNode($0) }
            return action
        }
        return renamed
    }

    func incoming(_ result: ApplyResult) -> ApplyResult {
        guard !toDirector.isIdentity else { return result }
        var renamed = result
        renamed.files = Self.rename(result.files, \.path, by: toDirector)
        return renamed
    }

    /// `items` with the path at `path` renamed.
    private static func rename<Item>(_ items: [Item], _ path: WritableKeyPath<Item, String>, by renaming: PathRenaming) -> [Item] {
        items.map { item in
            var item = item
            item[keyPath: path] = renaming(item[keyPath: path])
            return item
        }
    }

    func incoming(_ file: Drifted) -> Drifted {
        var renamed = file
        renamed.path = toDirector(file.path)
        return renamed
    }

    func incoming(_ entry: ManifestEntry) -> ManifestEntry {
        var renamed = entry
        renamed.path = toDirector(entry.path)
        return renamed
    }

    func incoming(_ item: DriftItem) -> DriftItem {
        var renamed = item
        renamed.path = toDirector(item.path)
        renamed.expected = incoming(item.expected)
        return renamed
    }
}
