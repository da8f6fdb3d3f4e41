/// A set of bytes: one Perl character class (`[A-Za-z0-9.-]`, `\d`, `\s`, ...) over the
/// bytes of a line. ldirectord reads its file without an encoding layer, so its classes
/// are ASCII-only and every non-ASCII byte is simply "not a word character".
struct ByteClass: Sendable, Equatable {
    private var bits: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    /// The bytes of a class written as in a Perl bracket expression, without the
    /// brackets: single bytes and `a-z` ranges; a `-` first or last is literal.
    init(_ spec: String) {
        let bytes = Array(spec.utf8)
        var index = 0
        while index < bytes.count {
            let low = bytes[index]
            if index + 2 < bytes.count, bytes[index + 1] == UInt8(ascii: "-") {
                let high = bytes[index + 2]
                if low <= high {
                    for byte in low...high { insert(byte) }
                }
                index += 3
            } else {
                insert(low)
                index += 1
            }
        }
    }

    private init(where predicate: (UInt8) -> Bool) {
        for byte in UInt8.min...UInt8.max where predicate(byte) { insert(byte) }
    }

    func contains(_ byte: UInt8) -> Bool {
        let bit = UInt64(1) << UInt64(byte & 63)
        switch byte >> 6 {
        case 0: return bits.0 & bit != 0
        case 1: return bits.1 & bit != 0
        case 2: return bits.2 & bit != 0
        default: return bits.3 & bit != 0
        }
    }

    private mutating func insert(_ byte: UInt8) {
        let bit = UInt64(1) << UInt64(byte & 63)
        switch byte >> 6 {
        case 0: bits.0 |= bit
        case 1: bits.1 |= bit
        case 2: bits.2 |= bit
        default: bits.3 |= bit
        }
    }

    /// Every byte not in this class (`\S` from `\s`).
    var inverted: ByteClass {
        ByteClass { !contains($0) }
    }

    static func == (lhs: ByteClass, rhs: ByteClass) -> Bool {
        lhs.bits == rhs.bits
    }

    /// `\d`
    static let digit = ByteClass("0-9")
    /// `\w` (ASCII: letters, digits, underscore)
    static let word = ByteClass("A-Za-z0-9_")
    /// `\s` (space, tab, newline, vertical tab, form feed, carriage return)
    static let space = ByteClass(" \t\n\u{0B}\u{0C}\r")
    /// `\S`
    static let nonSpace = space.inverted
    /// `.` (any byte but a newline)
    static let any = ByteClass("\n").inverted
    /// `[a-z]`
    static let lowercase = ByteClass("a-z")
    /// `[\w-]`: directive names, port names, check types
    static let wordOrDash = ByteClass("A-Za-z0-9_-")
    /// `[0-9A-Za-z._+-]`: host names as ldirectord's virtual= and smtp= patterns take them
    static let hostName = ByteClass("0-9A-Za-z._+-")
    /// A space (the indentation of block lines, after tabs are widened)
    static let blank = ByteClass(" ")
}
