import Diagnostics

/// Collects the findings of one check, in the order they are made.
struct Reporter {
    let path: String
    let options: LdirectordCheckOptions
    private(set) var diagnostics: [Diagnostic] = []

    init(path: String, options: LdirectordCheckOptions) {
        self.path = path
        self.options = options
    }

    /// Something ldirectord rejects.
    mutating func error(_ message: String, at span: Span, notes: [Diagnostic] = []) {
        diagnostics.append(.error(message, at: location(span), notes: notes))
    }

    /// Something ldirectord accepts that is probably not what the admin meant.
    mutating func warning(_ message: String, at span: Span, notes: [Diagnostic] = []) {
        diagnostics.append(.warning(message, at: location(span), notes: notes))
    }

    /// Something ldirectord accepts but reads differently from what is written: an
    /// error in strict mode, a warning otherwise.
    mutating func misread(_ message: String, at span: Span, notes: [Diagnostic] = []) {
        diagnostics.append(.weakening(message, at: location(span), allowed: !options.strict, notes: notes))
    }

    func note(_ message: String, at span: Span) -> Diagnostic {
        .note(message, at: location(span))
    }

    func location(_ span: Span) -> SourceLocation {
        SourceLocation(path: path, line: span.line.number, column: span.column)
    }
}
