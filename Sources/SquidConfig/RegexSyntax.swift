/// A fast, conservative check of POSIX extended regex syntax: `isCertainlyValid` answers
/// true only for a subset of patterns that glibc's regcomp always accepts (atoms, groups,
/// alternation, bracket lists, `*` `+` `?` after an atom); anything else is left to regcomp.
/// Most squid.conf patterns are in the subset, and regcomp is the slow part of a check.
enum RegexSyntax {
    static func isCertainlyValid(_ pattern: String) -> Bool {
        var bytes = pattern.utf8.makeIterator()
        var depth = 0
        var afterAtom = false       // a quantifier may follow
        var branchEmpty = true      // nothing since the start, '(' or '|'
        while let byte = bytes.next() {
            switch byte {
            case UInt8(ascii: "("):
                depth += 1
                afterAtom = false
                branchEmpty = true
            case UInt8(ascii: ")"):
                guard depth > 0, !branchEmpty else { return false }
                depth -= 1
                afterAtom = true
                branchEmpty = false
            case UInt8(ascii: "|"):
                guard !branchEmpty else { return false }
                afterAtom = false
                branchEmpty = true
            case UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "?"):
                guard afterAtom else { return false }
                afterAtom = false  // no stacked quantifiers in the subset
            case UInt8(ascii: "^"), UInt8(ascii: "$"):
                afterAtom = false
                branchEmpty = false
            case UInt8(ascii: "\\"):
                guard let escaped = bytes.next(), isPunctuation(escaped) else { return false }
                afterAtom = true
                branchEmpty = false
            case UInt8(ascii: "["):
                guard bracketIsSimple(&bytes) else { return false }
                afterAtom = true
                branchEmpty = false
            case UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "]"):
                return false
            default:
                guard byte >= 0x20, byte < 0x7F else { return false }
                afterAtom = true
                branchEmpty = false
            }
        }
        return depth == 0
    }

    /// After '[': an optional '^', then plain characters and increasing a-z ranges up to ']'.
    private static func bracketIsSimple(_ bytes: inout String.UTF8View.Iterator) -> Bool {
        var members: [UInt8] = []
        var first = true
        while let byte = bytes.next() {
            if byte == UInt8(ascii: "^") && first && members.isEmpty {
                first = false
                continue
            }
            first = false
            if byte == UInt8(ascii: "]") { return !members.isEmpty }
            guard byte >= 0x20, byte < 0x7F, byte != UInt8(ascii: "["), byte != UInt8(ascii: "\\") else { return false }
            members.append(byte)
            if members.count >= 3, members[members.count - 2] == UInt8(ascii: "-") {
                let low = members[members.count - 3], high = byte
                guard isAlphanumeric(low), isAlphanumeric(high), low <= high,
                      isDigit(low) == isDigit(high), isUpper(low) == isUpper(high) else { return false }
            }
        }
        return false
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    private static func isUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        isDigit(byte) || isUpper(byte) || (byte >= 0x61 && byte <= 0x7A)
    }
    private static func isPunctuation(_ byte: UInt8) -> Bool {
        byte > 0x20 && byte < 0x7F && !isAlphanumeric(byte)
    }
}
