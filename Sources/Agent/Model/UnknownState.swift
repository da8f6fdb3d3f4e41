/// Why the node's state could not be read whole, and what the readable parts recorded.
///
/// While its state is unknown the node reports no commit and no manifest, so a director
/// plans the next deploy as for a node never deployed to: every managed file comes, each
/// with no expected old version. The planner then takes a live file that already is the
/// target as in place, one that is a version recorded here as deployed as replaceable,
/// and any other as drift. A deploy planned that way re-establishes the state.
public struct UnknownState: Codable, Sendable, Equatable {
    /// What was wrong, naming the file and line.
    public var reason: String
    /// Every manifest entry found in the readable parts of `state` and `state.log`, by
    /// path: versions this node deployed there at some point.
    public var recorded: [String: [ManifestEntry]]

    public init(reason: String, recorded: [String: [ManifestEntry]] = [:]) {
        self.reason = reason
        self.recorded = recorded
    }

    mutating func record(_ entry: ManifestEntry) {
        if recorded[entry.path]?.contains(entry) != true { recorded[entry.path, default: []].append(entry) }
    }
}
