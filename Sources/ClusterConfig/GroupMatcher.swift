/// A group's patterns as seen by one host (its `%prefix%` values substituted), compiled
/// for csync2's `match_pattern_list`: path patterns and basename patterns are two separate
/// votes, the last matching pattern of each decides, a file is managed when the path vote
/// is "include" (default: no) and the basename vote is "include" (default: yes).
struct GroupMatcher: Sendable {
    private struct Rule: Sendable {
        let include: Bool
        let pattern: PathPattern
    }

    private let pathRules: [Rule]
    private let basenameRules: [Rule]
    /// Per action of the group, its patterns as seen by the host.
    let actionPatterns: [[PathPattern]]
    /// Include path patterns as seen by the host (for walk roots).
    let includePaths: [PathPattern]

    init(rules: [PatternRule], actions: [Action], resolve: (PathPattern) -> PathPattern) {
        var pathRules: [Rule] = []
        var basenameRules: [Rule] = []
        var includePaths: [PathPattern] = []
        for rule in rules where rule.kind != .compare {
            let pattern = resolve(rule.pattern)
            let compiled = Rule(include: rule.kind == .include, pattern: pattern)
            if pattern.isBasename {
                basenameRules.append(compiled)
            } else {
                pathRules.append(compiled)
                if rule.kind == .include { includePaths.append(pattern) }
            }
        }
        self.pathRules = pathRules
        self.basenameRules = basenameRules
        self.includePaths = includePaths
        actionPatterns = actions.map { $0.patterns.map(resolve) }
    }

    /// The rules in order, as text: two matchers with the same signature manage the same paths.
    var signature: String {
        (pathRules + basenameRules).map { ($0.include ? "+" : "-") + $0.pattern.text }.joined(separator: "\n")
    }

    func matches(_ path: UnsafeBufferPointer<UInt8>) -> Bool {
        guard (pathRules.last { $0.pattern.matchesPath(path) })?.include ?? false else { return false }
        return (basenameRules.last { $0.pattern.matchesBasename(of: path) })?.include ?? true
    }

    /// Does action `index` apply to `path` (a file of the group)?
    func actionMatches(_ index: Int, _ path: UnsafeBufferPointer<UInt8>) -> Bool {
        let patterns = actionPatterns[index]
        return patterns.isEmpty || patterns.contains { $0.matchesPath(path) }
    }
}
