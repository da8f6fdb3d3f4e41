import Diagnostics

/// One pattern of a group's `include`, `exclude` or `compare` statement, in file order
/// (order matters: for each of path and basename patterns, the last match wins).
public struct PatternRule: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case include, exclude
        /// csync2's `compare`: only used by `csync2 -T`-style comparisons; ignored here.
        case compare
    }

    public let kind: Kind
    public let pattern: PathPattern
    public let location: SourceLocation

    public init(kind: Kind, pattern: PathPattern, location: SourceLocation) {
        self.kind = kind
        self.pattern = pattern
        self.location = location
    }
}
