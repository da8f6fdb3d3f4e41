import Diagnostics

/// One token of a cluster file, as csync2's scanner (cfgfile_scanner.l) cuts them.
struct Token: Sendable {
    enum Kind: Sendable, Equatable {
        /// A bare word or the content of a "quoted string".
        case word
        case openBrace, closeBrace, openParen, closeParen, semicolon, colon, at
        /// A file name of a `config` statement (replaced by the file's tokens).
        case include
        case end
    }

    let kind: Kind
    let text: String
    /// Written in double quotes: never a keyword.
    let quoted: Bool
    let location: SourceLocation
    /// The position just after the token (where a missing `;` is reported).
    let end: SourceLocation

    /// True when this is the unquoted word `keyword`.
    func isKeyword(_ keyword: String) -> Bool {
        kind == .word && !quoted && text == keyword
    }

    /// How the token reads in a message: `'include'`, `'{'`, `end of file`.
    var quotedForMessage: String {
        switch kind {
        case .end: "end of file"
        case .word where quoted: "\"\(text)\""
        default: "'\(text)'"
        }
    }
}
