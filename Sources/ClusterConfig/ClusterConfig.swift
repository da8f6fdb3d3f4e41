import Diagnostics

/// A parsed cluster file: csync2's groups, prefixes and settings plus the confsync block.
public struct ClusterConfig: Sendable {
    /// The agent port when neither the confsync block nor a host names one.
    public static let standardPort = 7300

    /// In file order (included files where their `config` statement is).
    public internal(set) var groups: [Group]
    /// Prefix name -> its `on HOSTPATTERN: PATH` rules; the first rule matching a host wins.
    public internal(set) var prefixes: [String: [PrefixRule]]
    /// `confsync { port N; }`, else 7300.
    public internal(set) var defaultPort: Int
    /// `confsync { host NAME { ... } }`, by lowercase host name.
    public internal(set) var hostSettings: [String: HostSettings]
    /// `confsync { check ... }`, in order.
    public internal(set) var checks: [CheckRule]
    /// The `config` files that were read, in the order first read (as passed to `load`).
    public internal(set) var includedConfigFiles: [String]
    /// csync2's `ignore uid|gid|mod;`: attributes not to compare or deploy.
    public internal(set) var ignoredAttributes: Set<IgnoredAttribute>
    /// `confsync { allow-weakened PATTERN...; }`: files whose weakening findings are warnings.
    public internal(set) var allowWeakened: [PathPattern] = []
    /// `confsync { sync every DURATION; }`: how often `confsync serve` syncs; nil: never.
    public internal(set) var syncEveryMillis: Int?
    /// `drift-check every DURATION;`: how often the director service asks the nodes for drift.
    public internal(set) var driftCheckEveryMillis: Int?
    /// `watch after DURATION;`: the director service syncs this long after the last change to a
    /// managed file (opt-in watch mode); nil: no watching.
    public internal(set) var watchAfterMillis: Int?
    /// `web ADDRESS:PORT;`: where the director service serves the web console.
    public internal(set) var webAddress: String?

    init(
        groups: [Group], prefixes: [String: [PrefixRule]], defaultPort: Int,
        hostSettings: [String: HostSettings], checks: [CheckRule], includedConfigFiles: [String],
        ignoredAttributes: Set<IgnoredAttribute>
    ) {
        self.groups = groups
        self.prefixes = prefixes
        self.defaultPort = defaultPort
        self.hostSettings = hostSettings
        self.checks = checks
        self.includedConfigFiles = includedConfigFiles
        self.ignoredAttributes = ignoredAttributes
    }

    /// Parses `text` (from `path`); `load` returns the text of a `config`-included file (nil =
    /// missing, an error at that line). Absolute include names are passed to `load` as written
    /// (normalized), relative ones joined to the directory of the including file.
    ///
    /// All problems are returned, not only the first; the model holds whatever could be read.
    public static func parse(
        _ text: String, path: String, load: (String) -> String?
    ) -> (config: ClusterConfig, diagnostics: [Diagnostic]) {
        var bag = DiagnosticBag()
        var included: [String] = []
        let tokens = IncludeExpander.tokens(of: text, path: path, load: load, included: &included, bag: &bag)
        var parser = Parser(tokens: tokens, bag: bag)
        parser.parseFile()
        var assembler = Assembler(file: parser.file, bag: parser.bag)
        let (config, diagnostics) = assembler.assemble(includedConfigFiles: included)
        return (config, diagnostics.sorted)
    }
}
