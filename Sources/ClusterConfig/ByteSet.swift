/// A set of bytes as a 256-bit map: a bracket expression of a glob.
struct ByteSet: Sendable, Hashable {
    private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    init() {}

    /// The ASCII members of a POSIX character class in the C locale, or nil for an unknown name.
    init?(className: String) {
        let test: (UInt8) -> Bool
        switch className {
        case "alnum": test = { Self.isAlpha($0) || Self.isDigit($0) }
        case "alpha": test = Self.isAlpha
        case "blank": test = { $0 == 0x20 || $0 == 0x09 }
        case "cntrl": test = { $0 < 0x20 || $0 == 0x7F }
        case "digit": test = Self.isDigit
        case "graph": test = { $0 > 0x20 && $0 < 0x7F }
        case "lower": test = { $0 >= 0x61 && $0 <= 0x7A }
        case "print": test = { $0 >= 0x20 && $0 < 0x7F }
        case "punct": test = { $0 > 0x20 && $0 < 0x7F && !Self.isAlpha($0) && !Self.isDigit($0) }
        case "space": test = { $0 == 0x20 || ($0 >= 0x09 && $0 <= 0x0D) }
        case "upper": test = { $0 >= 0x41 && $0 <= 0x5A }
        case "xdigit": test = { Self.isDigit($0) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x66) }
        default: return nil
        }
        for byte in UInt8(0)...UInt8(0x7F) where test(byte) {
            insert(byte...byte)
        }
    }

    func contains(_ byte: UInt8) -> Bool {
        let bit = UInt64(1) << UInt64(byte & 63)
        switch byte >> 6 {
        case 0: return words.0 & bit != 0
        case 1: return words.1 & bit != 0
        case 2: return words.2 & bit != 0
        default: return words.3 & bit != 0
        }
    }

    mutating func insert(_ range: ClosedRange<UInt8>) {
        for byte in range {
            let bit = UInt64(1) << UInt64(byte & 63)
            switch byte >> 6 {
            case 0: words.0 |= bit
            case 1: words.1 |= bit
            case 2: words.2 |= bit
            default: words.3 |= bit
            }
        }
    }

    mutating func formUnion(_ other: ByteSet) {
        words = (words.0 | other.words.0, words.1 | other.words.1, words.2 | other.words.2, words.3 | other.words.3)
    }

    var inverted: ByteSet {
        var copy = ByteSet()
        copy.words = (~words.0, ~words.1, ~words.2, ~words.3)
        return copy
    }

    static func == (lhs: ByteSet, rhs: ByteSet) -> Bool {
        lhs.words == rhs.words
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
        hasher.combine(words.2)
        hasher.combine(words.3)
    }

    private static func isAlpha(_ byte: UInt8) -> Bool { byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A }
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
}
