/// One `on HOSTPATTERN: PATH;` line of a `prefix NAME { ... }` block.
public struct PrefixRule: Sendable, Hashable {
    /// An fnmatch(3) pattern for the host name (`host[12]`, `*`).
    public let hostPattern: String
    /// The absolute path `%NAME%` stands for on matching hosts (trailing slashes removed).
    public let path: String

    public init(hostPattern: String, path: String) {
        self.hostPattern = hostPattern
        self.path = path
    }

    /// Does this rule apply to `host`? (csync2's `new_prefix_entry`: fnmatch without flags.)
    public func applies(to host: String) -> Bool {
        let glob = Glob(Array(hostPattern.utf8), pathname: false, leadingDir: false)
        var host = host
        return host.withUTF8 { glob.matches($0) }
    }
}
