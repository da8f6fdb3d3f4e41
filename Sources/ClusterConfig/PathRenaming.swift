/// Renames paths from one host's `%prefix%` directories to another's: a path under a
/// directory `from` becomes the same path under `to`, the longest `from` that holds it
/// winning. Paths under none of them keep their name. (csync2 sends such files as
/// `%prefix%/rest`, and each host puts them under its own directory for the prefix.)
public struct PathRenaming: Sendable, Hashable {
    /// (from, to) directory pairs, one per prefix both hosts have, absolute, without a trailing `/`.
    public let pairs: [Pair]

    public struct Pair: Sendable, Hashable {
        public let from: String
        public let to: String
    }

    public init(pairs: [Pair]) {
        self.pairs = pairs
    }

    /// Renames nothing.
    public static let identity = PathRenaming(pairs: [])

    /// True when no path changes its name.
    public var isIdentity: Bool { pairs.allSatisfy { $0.from == $0.to } }

    /// The renaming back.
    public var inverse: PathRenaming {
        PathRenaming(pairs: pairs.map { Pair(from: $0.to, to: $0.from) })
    }

    /// `path` under its new name.
    public func callAsFunction(_ path: String) -> String {
        var best: Pair?
        for pair in pairs where Self.holds(pair.from, path) && pair.from.count > (best?.from.count ?? -1) {
            best = pair
        }
        guard let best, best.from != best.to else { return path }
        let rest = path.dropFirst(best.from == "/" ? 0 : best.from.count)
        return best.to == "/" && rest.hasPrefix("/") ? String(rest) : best.to + rest
    }

    /// Is `path` the directory `directory` or under it?
    private static func holds(_ directory: String, _ path: String) -> Bool {
        path == directory || path.hasPrefix(directory == "/" ? "/" : directory + "/")
    }
}
