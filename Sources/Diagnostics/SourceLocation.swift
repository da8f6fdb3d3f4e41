/// A position in a file: 1-based line and column, as compilers print them.
/// Line 0 means "the file as a whole" (no particular line).
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var column: Int

    public init(path: String, line: Int, column: Int = 1) {
        self.path = path
        self.line = line
        self.column = column
    }

    /// `path:line:col`, or just `path` for a whole-file location.
    public var description: String {
        line > 0 ? "\(path):\(line):\(column)" : path
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.path, lhs.line, lhs.column) < (rhs.path, rhs.line, rhs.column)
    }
}
