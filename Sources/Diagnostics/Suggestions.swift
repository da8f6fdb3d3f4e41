/// "did you mean" for misspelled names (squid directives, ACL names, ldirectord words).
public enum Suggestions {
    public static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        let target = Array(word.lowercased().utf8)
        guard target.count >= 3 else { return nil }
        let limit = max(1, target.count / 4)
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let other = Array(candidate.lowercased().utf8)
            if abs(other.count - target.count) > limit { continue }
            let distance = editDistance(target, other)
            if distance <= limit, distance < (best?.distance ?? Int.max) {
                best = (candidate, distance)
            }
        }
        return best?.name
    }

    /// Optimal string alignment distance: edits plus adjacent transpositions.
    public static func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
    }
}

extension Suggestions {
    /// For a unit written as an abbreviation of a longer name (`secs`, `mins`): the name of
    /// `names` that the word without a trailing `s` begins, plural.
    public static func unit(for word: String, in names: some Sequence<String>) -> String? {
        let stem = word.lowercased().hasSuffix("s") ? String(word.lowercased().dropLast()) : word.lowercased()
        guard stem.count >= 2 else { return nil }
        return names.first { $0.hasPrefix(stem) && $0 != stem }.map { $0 + "s" }
    }
}
