import Diagnostics

/// A recursive-descent parser for csync2's grammar (cfgfile_parser.y) plus the confsync
/// block. It never stops at the first problem: a bad statement is reported and skipped up to
/// the next `;` or `}`.
struct Parser {
    /// csync2's keywords (cfgfile_scanner.l): reserved everywhere unless quoted.
    static let keywords: Set<String> = [
        "group", "host", "exclude", "include", "compare", "key", "auto",
        "action", "pattern", "exec", "logfile", "do-local", "do-local-only",
        "prefix", "on", "backup-directory", "backup-generations",
        "nossl", "ignore", "database", "tempdir", "lock-timeout", "no-cygwin-lowercase",
    ]

    private let tokens: [Token]
    private var position = 0
    var bag: DiagnosticBag
    var file = ParsedFile()
    /// Counter for csync2's names of unnamed groups.
    var unnamedGroups = 0
    /// Files that already got the "backups are ignored" note.
    var backupNoteFiles: Set<String> = []

    init(tokens: [Token], bag: DiagnosticBag) {
        self.tokens = tokens
        self.bag = bag
    }

    // MARK: - Cursor

    var current: Token { tokens[position] }

    var previous: Token { tokens[max(position - 1, 0)] }

    mutating func advance() {
        if position < tokens.count - 1 { position += 1 }
    }

    /// Consumes a token of `kind`, if it is next.
    mutating func accept(_ kind: Token.Kind) -> Token? {
        guard current.kind == kind else { return nil }
        let token = current
        advance()
        return token
    }

    /// An unquoted word that is not one of csync2's keywords nor in `stops`.
    func isValueWord(_ token: Token, stops: Set<String> = []) -> Bool {
        token.kind == .word && (token.quoted || !(Parser.keywords.contains(token.text) || stops.contains(token.text)))
    }

    /// The words up to the next keyword, `;`, brace, parenthesis or end.
    mutating func values(stops: Set<String> = []) -> [Token] {
        var words: [Token] = []
        while isValueWord(current, stops: stops) {
            words.append(current)
            advance()
        }
        return words
    }

    /// Exactly one value for `keyword`, then `;`. Nil (and reported) otherwise.
    mutating func singleValue(after keyword: Token, what: String, stops: Set<String> = []) -> Token? {
        let words = values(stops: stops)
        if words.isEmpty {
            bag.error("'\(keyword.text)' needs \(what)", at: keyword.end)
        } else if words.count > 1 {
            bag.error("'\(keyword.text)' takes one value, found \(words.count)", at: words[1].location)
        }
        finishStatement(keyword, stops: stops)
        return words.count == 1 ? words[0] : nil
    }

    // MARK: - Statement ends and recovery

    /// Expects the `;` that ends the statement begun by `keyword`.
    mutating func finishStatement(_ keyword: Token, stops: Set<String> = []) {
        if accept(.semicolon) != nil { return }
        let next = current
        let startsSomethingElse = next.kind == .closeBrace || next.kind == .end
            || (next.kind == .word && !next.quoted && (Parser.keywords.contains(next.text) || stops.contains(next.text)))
        if startsSomethingElse {
            bag.error("expected ';' after '\(keyword.text)' statement", at: previous.end)
        } else {
            bag.error("unexpected \(next.quotedForMessage) in '\(keyword.text)' statement", at: next.location)
            skipStatement()
        }
    }

    /// Skips to just after the next `;`, or to (not past) the `}` that closes the enclosing
    /// block; a nested `{ ... }` is skipped whole, with a `;` right after it.
    mutating func skipStatement() {
        while true {
            switch current.kind {
            case .semicolon:
                advance()
                return
            case .closeBrace, .end:
                return
            case .openBrace:
                skipBlock()
                _ = accept(.semicolon)
                return
            default:
                advance()
            }
        }
    }

    /// Skips a balanced `{ ... }` starting at the current `{`.
    mutating func skipBlock() {
        var depth = 0
        repeat {
            switch current.kind {
            case .openBrace: depth += 1
            case .closeBrace: depth -= 1
            case .end: return
            default: break
            }
            advance()
        } while depth > 0
    }

    /// Reports a statement this context does not know and skips it.
    mutating func unknownStatement(in context: String) {
        let token = current
        var message = "unknown statement \(token.quotedForMessage) \(context)"
        if token.kind == .word && !token.quoted && (token.text.contains("{") || token.text.contains("}")) {
            message += " (csync2 reads '\(token.text)' as one word: put spaces around braces)"
        }
        bag.error(message, at: token.location)
        if token.kind == .closeBrace || token.kind == .semicolon {
            advance()
        } else {
            skipStatement()
        }
    }

    /// Expects the `{` that opens the block of `keyword`; reports and skips the statement if absent.
    mutating func openBlock(of keyword: Token, named name: String) -> Token? {
        if let brace = accept(.openBrace) { return brace }
        bag.error("expected '{' after \(name)", at: current.kind == .end ? previous.end : current.location)
        skipStatement()
        return nil
    }

    /// True while the block opened by `open` goes on; false after its `}` (consumed) or at
    /// the end of the input (reported as unterminated).
    mutating func blockContinues(_ open: Token, what: String) -> Bool {
        if accept(.closeBrace) != nil { return false }
        if current.kind == .end {
            bag.error("unterminated \(what): missing '}'", at: open.location)
            return false
        }
        return true
    }
}
