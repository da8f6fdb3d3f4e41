/// A compiled fnmatch(3) pattern, matched on UTF-8 bytes as glibc does in the C locale.
///
/// Supports `*`, `?`, bracket expressions (`[a-z]`, `[!x]`, `[^x]`, `[[:alpha:]]`) and
/// backslash escapes. Two modes, the two ways csync2 calls fnmatch:
/// - `pathname` (FNM_PATHNAME): nothing but a literal `/` matches `/`.
/// - otherwise every wildcard may match `/` as well.
/// `leadingDir` (FNM_LEADING_DIR) also accepts a string that continues with `/` after a match.
struct Glob: Sendable {
    private enum Program: Sendable {
        /// No wildcard at all: a plain byte comparison.
        case literal([UInt8])
        /// FNM_PATHNAME: one element list per `/`-separated segment.
        case segments([[GlobElement]])
        /// Wildcards may cross `/`.
        case whole([GlobElement])
    }

    private let program: Program
    private let leadingDir: Bool

    init(_ pattern: [UInt8], pathname: Bool, leadingDir: Bool) {
        let elements = GlobElement.compile(pattern)
        self.leadingDir = leadingDir
        if let bytes = GlobElement.literalBytes(elements) {
            program = .literal(bytes)
        } else if pathname {
            program = .segments(GlobElement.split(elements))
        } else {
            program = .whole(elements)
        }
    }

    func matches(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        switch program {
        case .literal(let bytes):
            return matchLiteral(bytes, text)
        case .segments(let segments):
            return matchSegments(segments, text)
        case .whole(let elements):
            return Glob.match(elements, text, from: 0, to: text.count, leadingDir: leadingDir)
        }
    }

    private func matchLiteral(_ bytes: [UInt8], _ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard text.count >= bytes.count else { return false }
        for index in 0..<bytes.count where text[index] != bytes[index] {
            return false
        }
        return text.count == bytes.count || (leadingDir && text[bytes.count] == GlobElement.slash)
    }

    private func matchSegments(_ segments: [[GlobElement]], _ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var start = 0
        for (index, segment) in segments.enumerated() {
            var end = start
            while end < text.count && text[end] != GlobElement.slash { end += 1 }
            guard Glob.match(segment, text, from: start, to: end, leadingDir: false) else { return false }
            if index == segments.count - 1 {
                return end == text.count || leadingDir
            }
            guard end < text.count else { return false }
            start = end + 1
        }
        return false
    }

    /// The classic one-star-backtrack matcher over `text[from..<to]`: trying every length
    /// for the most recent `*` is enough, because a later star absorbs whatever an earlier
    /// star could have taken.
    private static func match(
        _ elements: [GlobElement], _ text: UnsafeBufferPointer<UInt8>, from: Int, to end: Int, leadingDir: Bool
    ) -> Bool {
        var p = 0
        var t = from
        var starP = -1
        var starT = from
        while true {
            if p < elements.count {
                let element = elements[p]
                if case .star = element {
                    starP = p
                    starT = t
                    p += 1
                    continue
                }
                if t < end && element.matches(text[t]) {
                    p += 1
                    t += 1
                    continue
                }
            } else if t == end || (leadingDir && text[t] == GlobElement.slash) {
                return true
            }
            guard starP >= 0, starT < end else { return false }
            starT += 1
            t = starT
            p = starP + 1
        }
    }
}
