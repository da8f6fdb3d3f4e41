import Director

/// What one node needs to go from what it has to the target: pure data, no I/O.
public struct NodeChangeSet: Sendable, Equatable {
    /// An action to run after the files are in place, with the changed paths it matched.
    public struct PlannedAction: Sendable, Equatable {
        public var pattern: String
        public var commands: [String]
        public var logfile: String?
        public var paths: [String]
        /// The action's `timeout` in milliseconds; nil: the node's default.
        public var timeoutMillis: Int? = nil
        /// The action's `verify` command, run by the node on the staged files first.
        public var verify: String? = nil
    }

    /// The files to write (`new`) or delete (`new` nil), each with what the director believes
    /// the node has now (`old`; nil = the node should not have it), so the node can detect drift.
    public var changes: [FileChange]
    public var actions: [PlannedAction]

    public var isEmpty: Bool { changes.isEmpty }
}

/// Computes change sets: the node's files at the commit it has (or its manifest) against the
/// target commit's files restricted to that node.
public enum DeployPlanner {
    /// - Parameters:
    ///   - base: the node's managed files as it has them.
    ///   - target: the node's managed files at the target commit.
    ///   - actions: the actions whose patterns match some of the changed paths (from the cluster file).
    public static func plan(
        base: ManagedTree, target: ManagedTree,
        actions: ([String]) -> [NodeChangeSet.PlannedAction]
    ) -> NodeChangeSet {
        plan(changes: base.changes(to: target), actions: actions)
    }

    /// The same from the file changes between the node's files and the target's.
    public static func plan(
        changes fileChanges: [FileChange], actions: ([String]) -> [NodeChangeSet.PlannedAction]
    ) -> NodeChangeSet {
        let changed = fileChanges.map(\.path.managed)
        return NodeChangeSet(changes: fileChanges, actions: changed.isEmpty ? [] : actions(changed))
    }
}
