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
        renamed.changes = apply.changes.map { change in
            var change = change
            change.path = toNode(change.path)
            return change
        }
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
        renamed.files = result.files.map { file in
            var file = file
            file.path = toDirector(file.path)
            return file
        }
        return renamed
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
