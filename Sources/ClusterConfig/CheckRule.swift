import Diagnostics

/// One `check PATTERN CHECKER;` line of the `confsync { }` block: which checker validates
/// the files the pattern matches.
public struct CheckRule: Sendable {
    /// Matched like an `include` pattern: a path pattern or a basename pattern.
    public let pattern: PathPattern
    public let checker: Checker
    public let location: SourceLocation

    /// A validator for a file.
    public enum Checker: Sendable, Hashable {
        case squid
        case ldirectord
        /// The cluster-file checker (this module's parser).
        case cluster
        /// No validation.
        case none
        /// An external command; `%f` stands for the candidate file.
        case exec(String)
    }

    public init(pattern: PathPattern, checker: Checker, location: SourceLocation) {
        self.pattern = pattern
        self.checker = checker
        self.location = location
    }
}
