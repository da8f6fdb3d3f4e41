/// Collects diagnostics while a checker runs; checkers never throw one at a time.
public struct DiagnosticBag: Sendable {
    public private(set) var diagnostics: [Diagnostic] = []

    public init() {}

    public mutating func add(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    public mutating func add(contentsOf other: [Diagnostic]) {
        diagnostics.append(contentsOf: other)
    }

    public mutating func error(_ message: String, at location: SourceLocation, notes: [Diagnostic] = []) {
        add(.error(message, at: location, notes: notes))
    }

    public mutating func warning(_ message: String, at location: SourceLocation, notes: [Diagnostic] = []) {
        add(.warning(message, at: location, notes: notes))
    }

    public mutating func note(_ message: String, at location: SourceLocation) {
        add(.note(message, at: location))
    }

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    public var errorCount: Int { diagnostics.count { $0.severity == .error } }
    public var warningCount: Int { diagnostics.count { $0.severity == .warning } }

    /// In file order (path, line, column), keeping the order of equal positions.
    public var sorted: [Diagnostic] {
        diagnostics.enumerated()
            .sorted { ($0.element.location, $0.offset) < ($1.element.location, $1.offset) }
            .map(\.element)
    }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }

    /// Every diagnostic with its notes, one per line, in file order.
    public func rendered() -> String {
        var bag = DiagnosticBag()
        bag.add(contentsOf: self)
        return bag.sorted.map(\.description).joined(separator: "\n")
    }

    /// "2 errors, 1 warning" — for the last line of a report.
    public var summary: String {
        let errors = count { $0.severity == .error }
        let warnings = count { $0.severity == .warning }
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        return "\(plural(errors, "error")), \(plural(warnings, "warning"))"
    }
}
