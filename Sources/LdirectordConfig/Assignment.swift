/// A `name = value` line as ldirectord's `/^name\s*=\s*(.*)/` patterns read it: the name
/// at the very start, white space around `=` skipped, the value running to the end of
/// the line (trailing blanks, a carriage return and, outside blocks, comments included).
struct Assignment {
    let name: Span
    /// `(.*)` after `=` and the white space after it.
    let value: Span

    init?(_ line: Span) {
        let name = line.prefixRun(of: .wordOrDash)
        guard !name.isEmpty else { return nil }
        let afterName = name.rest(in: line).dropping(while: .space)
        guard afterName.bytes.first == UInt8(ascii: "=") else { return nil }
        self.name = name
        self.value = afterName.slice((afterName.range.lowerBound + 1)..<afterName.range.upperBound).dropping(while: .space)
    }

    /// `/^name\s*=\s*\"(.*)\"/`: the text between the opening quote and the last quote
    /// of the line, or nil when the value does not start with a quote or never closes it.
    var quoted: Span? {
        guard value.bytes.first == UInt8(ascii: "\""),
              let close = value.bytes.lastIndex(of: UInt8(ascii: "\"")),
              close > value.range.lowerBound else { return nil }
        return value.slice((value.range.lowerBound + 1)..<close)
    }

    /// What follows the closing quote of `quoted` (ldirectord ignores it).
    var afterQuote: Span? {
        guard let quoted else { return nil }
        return value.slice((quoted.range.upperBound + 1)..<value.range.upperBound)
    }

    /// Where to point at the value: the value, or the name when the value is empty.
    var valueOrName: Span { value.isEmpty ? name : value }

    /// `checkcommand` and friends: the quoted text when quoted, else the whole value.
    var quotedOrPlain: Span { quoted ?? value }
}
