import Diagnostics

/// Cuts one cluster file into tokens with csync2's rules (cfgfile_scanner.l):
///
/// - whitespace (space, tab, CR, LF) separates; `#` starts a comment to the end of the line;
/// - `;`, `(`, `)`, `@` are tokens of their own; `{`, `}` and `:` are tokens when they stand
///   alone, otherwise part of a word (a word never ends with `:`, so `host*:` is `host*` `:`);
/// - `"..."` is a word that is never a keyword; it has no escapes, may span lines and ends at
///   the next `"`; an empty `""` yields no token at all;
/// - `config` is followed by file names up to `;` (any bytes but blanks and `;`).
struct Scanner {
    private let bytes: [UInt8]
    private let path: String
    private var index = 0
    private var line = 1
    private var column = 1

    init(text: String, path: String) {
        bytes = Array(text.utf8)
        self.path = path
    }

    /// All tokens of the file (without an end token); `config` names become `.include` tokens.
    mutating func scan(into bag: inout DiagnosticBag) -> [Token] {
        var tokens: [Token] = []
        while let byte = peek() {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"):
                advance()
            case UInt8(ascii: "#"):
                while let next = peek(), next != UInt8(ascii: "\n"), next != UInt8(ascii: "\r") { advance() }
            case UInt8(ascii: "\""):
                if let token = scanString(into: &bag) { tokens.append(token) }
            case UInt8(ascii: ";"): tokens.append(single(.semicolon))
            case UInt8(ascii: "("): tokens.append(single(.openParen))
            case UInt8(ascii: ")"): tokens.append(single(.closeParen))
            case UInt8(ascii: "@"): tokens.append(single(.at))
            default:
                let token = scanWord()
                if token.isKeyword("config") {
                    scanIncludeNames(after: token, into: &tokens, bag: &bag)
                } else {
                    tokens.append(token)
                }
            }
        }
        return tokens
    }

    /// The end-of-file token, placed after the last byte.
    var endToken: Token {
        Token(kind: .end, text: "", quoted: false, location: location, end: location)
    }

    private var location: SourceLocation {
        SourceLocation(path: path, line: line, column: column)
    }

    private func peek(_ offset: Int = 0) -> UInt8? {
        index + offset < bytes.count ? bytes[index + offset] : nil
    }

    private mutating func advance() {
        let byte = bytes[index]
        index += 1
        if byte == UInt8(ascii: "\n") {
            line += 1
            column = 1
        } else if byte & 0xC0 != 0x80 {
            column += 1
        }
    }

    private mutating func single(_ kind: Token.Kind) -> Token {
        let start = location
        let text = String(decoding: [bytes[index]], as: UTF8.self)
        advance()
        return Token(kind: kind, text: text, quoted: false, location: start, end: location)
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"),
             UInt8(ascii: "@"), UInt8(ascii: ";"), UInt8(ascii: "("), UInt8(ascii: ")"),
             UInt8(ascii: "#"), UInt8(ascii: "\""):
            false
        default:
            true
        }
    }

    /// The longest run of word bytes that does not end with `:`; a lone `{`, `}` or `:` is
    /// a token of its own.
    private mutating func scanWord() -> Token {
        var length = 0
        while let byte = peek(length), Scanner.isWordByte(byte) { length += 1 }
        while length > 0 && bytes[index + length - 1] == UInt8(ascii: ":") { length -= 1 }
        if length == 0 { return single(.colon) }
        if length == 1 && bytes[index] == UInt8(ascii: "{") { return single(.openBrace) }
        if length == 1 && bytes[index] == UInt8(ascii: "}") { return single(.closeBrace) }
        let start = location
        let text = String(decoding: bytes[index..<index + length], as: UTF8.self)
        for _ in 0..<length { advance() }
        return Token(kind: .word, text: text, quoted: false, location: start, end: location)
    }

    private mutating func scanString(into bag: inout DiagnosticBag) -> Token? {
        let start = location
        advance()
        let contentStart = index
        while let byte = peek(), byte != UInt8(ascii: "\"") { advance() }
        guard peek() != nil else {
            bag.error("unterminated string: missing closing '\"'", at: start)
            return nil
        }
        let text = String(decoding: bytes[contentStart..<index], as: UTF8.self)
        advance()
        guard !text.isEmpty else { return nil }
        return Token(kind: .word, text: text, quoted: true, location: start, end: location)
    }

    /// After `config`: file names up to `;` on the same line. csync2 would read on past
    /// the line end; a missing `;` is reported there instead.
    private mutating func scanIncludeNames(after keyword: Token, into tokens: inout [Token], bag: inout DiagnosticBag) {
        var previousEnd = keyword.end
        while true {
            while let byte = peek(), byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { advance() }
            guard let byte = peek(), byte != UInt8(ascii: "\n"), byte != UInt8(ascii: "\r") else {
                bag.error("expected ';' after the 'config' file name", at: previousEnd)
                return
            }
            if byte == UInt8(ascii: ";") {
                advance()
                return
            }
            let start = location
            let first = index
            while let next = peek(), next != UInt8(ascii: " "), next != UInt8(ascii: "\t"),
                  next != UInt8(ascii: "\r"), next != UInt8(ascii: "\n"), next != UInt8(ascii: ";") {
                advance()
            }
            var name = String(decoding: bytes[first..<index], as: UTF8.self)
            if name.count >= 2 && name.hasPrefix("\"") && name.hasSuffix("\"") {
                name = String(name.dropFirst().dropLast())
            }
            previousEnd = location
            tokens.append(Token(kind: .include, text: name, quoted: false, location: start, end: location))
        }
    }
}
