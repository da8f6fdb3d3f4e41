import Diagnostics

/// How strict the Squid checker is, beyond what squid itself enforces.
public struct SquidCheckOptions: Sendable {
    /// Where squid resolves a hostname while parsing (`http_port`, `acl src/dst`,
    /// `tcp_outgoing_address`, ...), a plausible name passes by default; `true` also asks
    /// `SquidFileLookup.resolves(_:)`, as squid would ask DNS.
    public var resolveHostnames = false
    /// Report as errors the things squid accepts but silently weakens: a missing ACL
    /// file, an unknown access action, an unknown `cache_dir` type, a bad regex.
    /// See docs/validation.md for the full list.
    public var strict = true

    public init() {}
}

/// Where the checker gets the files a squid.conf refers to; the module does no I/O itself.
public protocol SquidFileLookup: Sendable {
    /// The files an `include` pattern (a path or glob, absolute or relative to squid's
    /// working directory) names, in glob order, with their text; empty if none match.
    func expand(_ pattern: String) -> [(path: String, text: String)]
    /// Whether a file named by an ACL (`"/path/file"`) or a directive exists.
    func exists(_ path: String) -> Bool
    /// Whether `host` resolves to an address. Asked only with `SquidCheckOptions.resolveHostnames`;
    /// the default answers true (no resolution).
    func resolves(_ host: String) -> Bool
}

extension SquidFileLookup {
    public func resolves(_ host: String) -> Bool { true }
}

/// The built-in checker for Squid 5.7's squid.conf.
public enum SquidChecker {
    /// Checks squid.conf `text` from `path`, following `include`s through `files`.
    /// Returns every problem found, in file order; an error means squid 5.7 would
    /// refuse the file (or, with `options.strict`, would silently weaken it).
    public static func check(
        _ text: String, path: String, files: SquidFileLookup, options: SquidCheckOptions = .init()
    ) -> [Diagnostic] {
        var checker = ConfigWalker(files: files, options: options)
        checker.walk(text: text, path: path)
        return checker.finish()
    }
}
