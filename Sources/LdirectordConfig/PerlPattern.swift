/// The few Perl regular expressions of ldirectord's parser whose backtracking matters
/// (the `real=` line, its request/receive pair, weights), matched the way perl matches
/// them: the leftmost start wins, alternatives are tried in order, repetition is greedy
/// and gives back one byte at a time. Each pattern is transcribed next to its Perl text.
struct PerlPattern: Sendable {
    indirect enum Node: Sendable {
        /// One byte of the class: `[...]`, `\d`, `.`.
        case one(ByteClass)
        /// Literal bytes.
        case literal([UInt8])
        /// A greedy run of at least `min` bytes of the class: `[...]*`, `\s+`.
        case run(ByteClass, min: Int)
        case sequence([Node])
        /// `a|b|c`, tried left to right.
        case choice([Node])
        /// A greedy `(...)?`.
        case optional(Node)
        /// Capture group `$n`.
        case group(Int, Node)
    }

    let root: Node
    let groupCount: Int

    init(groups: Int, _ nodes: Node...) {
        root = .sequence(nodes)
        groupCount = groups
    }

    /// The first match in `span` (unanchored, like `$x =~ /.../`), or nil.
    func firstMatch(in span: Span) -> PerlMatch? {
        let matcher = Matcher(bytes: span.line.bytes, end: span.range.upperBound)
        let empty = [Range<Int>?](repeating: nil, count: groupCount + 1)
        for start in span.range.lowerBound...span.range.upperBound {
            if let groups = matcher.match(root, start, empty, { end, groups in
                var groups = groups
                groups[0] = start..<end
                return groups
            }) {
                return PerlMatch(span: span, groups: groups)
            }
        }
        return nil
    }
}

/// The capture groups of a match; `group(0)` is the whole match.
struct PerlMatch: Sendable {
    let span: Span
    let groups: [Range<Int>?]

    /// `$n`, or nil when the group did not take part in the match.
    func group(_ number: Int) -> Span? {
        guard number < groups.count, let range = groups[number] else { return nil }
        return span.slice(range)
    }

    /// The text before the match (what an unanchored pattern silently skipped).
    var skipped: Span {
        span.slice(span.range.lowerBound..<(groups[0]?.lowerBound ?? span.range.lowerBound))
    }
}

/// Continuation-passing backtracking matcher: each node hands every way it can match
/// to `next`, longest first, until `next` accepts one.
private struct Matcher {
    typealias Groups = [Range<Int>?]
    let bytes: [UInt8]
    let end: Int

    func match(_ node: PerlPattern.Node, _ index: Int, _ groups: Groups,
               _ next: (Int, Groups) -> Groups?) -> Groups? {
        switch node {
        case .one(let set):
            guard index < end, set.contains(bytes[index]) else { return nil }
            return next(index + 1, groups)
        case .literal(let literal):
            guard index + literal.count <= end,
                  bytes[index..<(index + literal.count)].elementsEqual(literal) else { return nil }
            return next(index + literal.count, groups)
        case .run(let set, let min):
            var stop = index
            while stop < end, set.contains(bytes[stop]) { stop += 1 }
            while stop - index >= min {
                if let result = next(stop, groups) { return result }
                stop -= 1
            }
            return nil
        case .sequence(let nodes):
            return sequence(nodes[...], index, groups, next)
        case .choice(let nodes):
            for node in nodes {
                if let result = match(node, index, groups, next) { return result }
            }
            return nil
        case .optional(let inner):
            if let result = match(inner, index, groups, next) { return result }
            return next(index, groups)
        case .group(let number, let inner):
            return match(inner, index, groups) { stop, groups in
                var groups = groups
                groups[number] = index..<stop
                return next(stop, groups)
            }
        }
    }

    private func sequence(_ nodes: ArraySlice<PerlPattern.Node>, _ index: Int, _ groups: Groups,
                          _ next: (Int, Groups) -> Groups?) -> Groups? {
        guard let first = nodes.first else { return next(index, groups) }
        return match(first, index, groups) { stop, groups in
            sequence(nodes.dropFirst(), stop, groups, next)
        }
    }
}

extension PerlPattern.Node {
    /// Literal text.
    static func text(_ string: String) -> Self { .literal(Array(string.utf8)) }
    /// `[set]+`
    static func plus(_ set: ByteClass) -> Self { .run(set, min: 1) }
    /// `[set]*`
    static func star(_ set: ByteClass) -> Self { .run(set, min: 0) }
}
