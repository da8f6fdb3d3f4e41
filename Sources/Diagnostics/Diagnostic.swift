/// How bad a diagnostic is. Only `.error` makes a file invalid.
public enum Severity: String, Sendable, Hashable, Comparable {
    case note, warning, error

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        lhs.rank < rhs.rank
    }

    private var rank: Int {
        switch self {
        case .note: 0
        case .warning: 1
        case .error: 2
        }
    }
}

/// One finding about an input file, printed the way compilers print them:
/// `path:line:col: error: message`, followed by its attached notes.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    public var severity: Severity
    public var message: String
    public var location: SourceLocation
    /// Related places ("ACL 'x' is defined here"), printed after the diagnostic.
    public var notes: [Diagnostic]

    public init(_ severity: Severity, _ message: String, at location: SourceLocation, notes: [Diagnostic] = []) {
        self.severity = severity
        self.message = message
        self.location = location
        self.notes = notes
    }

    public static func error(_ message: String, at location: SourceLocation, notes: [Diagnostic] = []) -> Diagnostic {
        Diagnostic(.error, message, at: location, notes: notes)
    }

    public static func warning(_ message: String, at location: SourceLocation, notes: [Diagnostic] = []) -> Diagnostic {
        Diagnostic(.warning, message, at: location, notes: notes)
    }

    public static func note(_ message: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.note, message, at: location)
    }

    /// The diagnostic and its notes, one per line, without a trailing newline.
    public var description: String {
        ([headline] + notes.map(\.headline)).joined(separator: "\n")
    }

    /// The single line `path:line:col: severity: message`.
    public var headline: String {
        "\(location): \(severity.rawValue): \(message)"
    }
}
