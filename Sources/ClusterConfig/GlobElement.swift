/// One step of a compiled glob: a byte, `?`, `*` or a bracket expression.
enum GlobElement: Sendable, Hashable {
    case byte(UInt8)
    case any
    case star
    case set(ByteSet)

    static let slash = UInt8(ascii: "/")
    private static let backslash = UInt8(ascii: "\\")

    func matches(_ byte: UInt8) -> Bool {
        switch self {
        case .byte(let expected): expected == byte
        case .any: true
        case .star: true
        case .set(let set): set.contains(byte)
        }
    }

    /// Compiles fnmatch syntax; a `[` without its `]` is a literal, as in glibc.
    static func compile(_ pattern: [UInt8]) -> [GlobElement] {
        var elements: [GlobElement] = []
        var index = 0
        while index < pattern.count {
            let byte = pattern[index]
            switch byte {
            case UInt8(ascii: "*"):
                if elements.last != .star { elements.append(.star) }
                index += 1
            case UInt8(ascii: "?"):
                elements.append(.any)
                index += 1
            case backslash where index + 1 < pattern.count:
                elements.append(.byte(pattern[index + 1]))
                index += 2
            case UInt8(ascii: "["):
                if let (set, next) = parseBracket(pattern, from: index + 1) {
                    elements.append(.set(set))
                    index = next
                } else {
                    elements.append(.byte(byte))
                    index += 1
                }
            default:
                elements.append(.byte(byte))
                index += 1
            }
        }
        return elements
    }

    /// The bytes of a pattern without wildcards, or nil.
    static func literalBytes(_ elements: [GlobElement]) -> [UInt8]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(elements.count)
        for element in elements {
            guard case .byte(let byte) = element else { return nil }
            bytes.append(byte)
        }
        return bytes
    }

    /// Splits at literal `/` into per-segment element lists.
    static func split(_ elements: [GlobElement]) -> [[GlobElement]] {
        var segments: [[GlobElement]] = [[]]
        for element in elements {
            if element == .byte(slash) {
                segments.append([])
            } else {
                segments[segments.count - 1].append(element)
            }
        }
        return segments
    }

    /// Parses a bracket expression after its `[`; returns the set and the index after `]`.
    private static func parseBracket(_ pattern: [UInt8], from start: Int) -> (ByteSet, Int)? {
        var index = start
        var set = ByteSet()
        var negated = false
        if index < pattern.count, pattern[index] == UInt8(ascii: "!") || pattern[index] == UInt8(ascii: "^") {
            negated = true
            index += 1
        }
        var first = true
        while index < pattern.count {
            var byte = pattern[index]
            if byte == UInt8(ascii: "]") && !first {
                return (negated ? set.inverted : set, index + 1)
            }
            first = false
            if byte == UInt8(ascii: "["), index + 1 < pattern.count, pattern[index + 1] == UInt8(ascii: ":"),
               let (classSet, next) = parseClass(pattern, from: index + 2) {
                set.formUnion(classSet)
                index = next
                continue
            }
            if byte == backslash, index + 1 < pattern.count {
                index += 1
                byte = pattern[index]
            }
            index += 1
            if index + 1 < pattern.count, pattern[index] == UInt8(ascii: "-"), pattern[index + 1] != UInt8(ascii: "]") {
                var upper = pattern[index + 1]
                index += 2
                if upper == backslash, index < pattern.count {
                    upper = pattern[index]
                    index += 1
                }
                if byte <= upper { set.insert(byte...upper) }
            } else {
                set.insert(byte...byte)
            }
        }
        return nil
    }

    /// Parses `name:]` of a `[:name:]` class.
    private static func parseClass(_ pattern: [UInt8], from start: Int) -> (ByteSet, Int)? {
        var index = start
        while index + 1 < pattern.count {
            if pattern[index] == UInt8(ascii: ":") && pattern[index + 1] == UInt8(ascii: "]") {
                let name = String(decoding: pattern[start..<index], as: UTF8.self)
                guard let set = ByteSet(className: name) else { return nil }
                return (set, index + 2)
            }
            index += 1
        }
        return nil
    }
}
