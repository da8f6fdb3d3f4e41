import Diagnostics

/// How strict the Squid checker is, beyond what squid itself enforces.
public struct SquidCheckOptions: Sendable {
    /// Accept a hostname where squid would resolve one (`http_port`, `acl src/dst`, ...)
    /// only after checking that it is plausible; `true` asks the lookup to resolve it
    /// (not done by this module: a plausible hostname passes either way).
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
