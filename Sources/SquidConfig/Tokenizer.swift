/// A word of a directive's arguments and where it starts in its logical line.
struct Token: Sendable {
    let text: String
    let offset: Int
    /// It was written in quotes (only with `configuration_includes_quoted_values on`).
    var quoted = false
    /// It is `parameters("file")`: its `text` is the file name.
    var parametersFile = false
}

/// Reads a directive's arguments the way squid's ConfigParser::TokenParse does.
struct Tokenizer {
    private let bytes: [UInt8]
    private(set) var position: Int
    /// `configuration_includes_quoted_values on`: quotes and `parameters(...)` are syntax.
    let quotedValues: Bool
    /// Quotes are syntax for this word even without `configuration_includes_quoted_values`.
    private var quotedValuesOverride = false
    private var quotes: Bool { quotedValues || quotedValuesOverride }
    /// Problems squid treats as fatal while splitting words (bad quotes, characters).
    private(set) var problems: [(message: String, offset: Int)] = []

    init(_ bytes: [UInt8], from position: Int, quotedValues: Bool) {
        self.bytes = bytes
        self.position = position
        self.quotedValues = quotedValues
    }

    /// The next word, or nil at the end of the line or at a `#` comment.
    mutating func next() -> Token? {
        skipSpace()
        guard position < bytes.count, bytes[position] != 0x23 else { return nil }
        if quotes && (bytes[position] == 0x22 || bytes[position] == 0x27) {
            return unquote()
        }
        let start = position
        while position < bytes.count, !Lexer.isSpace(bytes[position]),
              !(quotedValues && bytes[position] == 0x28 && position > start) {
            position += 1
        }
        let word = String(decoding: bytes[start..<position], as: UTF8.self)
        if quotedValues && position < bytes.count && bytes[position] == 0x28 {
            return parameters(word, start: start)
        }
        if quotedValues { checkCharacters(start: start, end: position) }
        return Token(text: word, offset: start)
    }

    /// The next word without consuming it.
    func peek() -> Token? {
        var probe = self
        return probe.next()
    }

    /// The next word, quoted or not (squid's NextQuotedToken).
    mutating func nextQuoted() -> Token? {
        var probe = self
        probe.quotedValuesOverride = true
        let token = probe.next()
        position = probe.position
        problems = probe.problems
        return token
    }

    /// Everything up to the end of the line as one value (squid's NextQuotedOrToEol).
    mutating func restOfLine() -> Token? {
        skipSpace()
        guard position < bytes.count, bytes[position] != 0x23 else { return nil }
        if quotedValues && (bytes[position] == 0x22 || bytes[position] == 0x27) { return unquote() }
        let start = position
        position = bytes.count
        return Token(text: String(decoding: bytes[start...], as: UTF8.self), offset: start)
    }

    /// All remaining words.
    mutating func remaining() -> [Token] {
        var tokens: [Token] = []
        while let token = next() { tokens.append(token) }
        return tokens
    }

    private mutating func skipSpace() {
        while position < bytes.count && Lexer.isSpace(bytes[position]) { position += 1 }
    }

    private mutating func unquote() -> Token {
        let start = position
        let quote = bytes[position]
        var value: [UInt8] = []
        position += 1
        var failed = false
        while position < bytes.count && bytes[position] != quote {
            if bytes[position] == 0x5C, position + 1 < bytes.count {
                position += 1
                let escaped = bytes[position]
                switch escaped {
                case UInt8(ascii: "r"): value.append(0x0D)
                case UInt8(ascii: "n"): value.append(0x0A)
                case UInt8(ascii: "t"): value.append(0x09)
                default:
                    if isAlphanumeric(escaped) && !failed {
                        problems.append(("Unsupported escape sequence", position))
                        failed = true
                    }
                    value.append(escaped)
                }
            } else {
                value.append(bytes[position])
            }
            position += 1
        }
        if position >= bytes.count {
            if !failed { problems.append(("missing quote char at the end of quoted string", start)) }
        } else {
            position += 1
            if position < bytes.count, !Lexer.isSpace(bytes[position]),
               bytes[position] != 0x28, bytes[position] != 0x29, bytes[position] != 0x23, !failed {
                problems.append(("Expecting space after the end of quoted token", start))
            }
        }
        return Token(text: String(decoding: value, as: UTF8.self), offset: start, quoted: true)
    }

    private mutating func parameters(_ word: String, start: Int) -> Token? {
        guard word == "parameters" else {
            problems.append(("Unknown cfg function: \(word)", start))
            position = bytes.count
            return nil
        }
        position += 1  // '('
        skipSpace()
        guard position < bytes.count, bytes[position] == 0x22 || bytes[position] == 0x27 else {
            problems.append(("Quoted filename missing: \(word)", start))
            position = bytes.count
            return nil
        }
        let file = unquote()
        skipSpace()
        guard position < bytes.count, bytes[position] == 0x29 else {
            problems.append(("missing ')' after \(word)(\"\(file.text)\"", start))
            position = bytes.count
            return nil
        }
        position += 1
        return Token(text: file.text, offset: start, parametersFile: true)
    }

    private mutating func checkCharacters(start: Int, end: Int) {
        var isNumber = true
        for index in start..<end {
            let byte = bytes[index]
            let allowed = isAlphanumeric(byte) || Array(".,()-=_/:+".utf8).contains(byte)
                || (isNumber && byte == 0x25 && index + 1 == end)
            if !(byte >= 0x30 && byte <= 0x39) { isNumber = false }
            if !allowed {
                let token = String(decoding: bytes[start..<end], as: UTF8.self)
                let character = Character(Unicode.Scalar(byte))
                problems.append(("Not alphanumeric character '\(character)' in unquoted token \(token)", index))
                return
            }
        }
    }

    private func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }
}
