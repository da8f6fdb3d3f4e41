import Diagnostics

/// A `group NAME { ... }` block.
public struct Group: Sendable {
    /// The name; csync2 calls an unnamed group `group_1`, `group_2`, ...
    public let name: String
    /// In file order; names lowercased.
    public let hosts: [Host]
    /// The `key` file (csync2's pre-shared key; confsync authenticates with TLS instead).
    public let key: String?
    /// `include`, `exclude` and `compare` patterns in file order.
    public let rules: [PatternRule]
    public let actions: [Action]
    public let auto: AutoResolution?
    /// Where the `group` keyword is.
    public let location: SourceLocation
    /// Per member host, the patterns with that host's prefixes substituted.
    let matchers: [String: GroupMatcher]
    /// Members that are not parenthesised: the hosts that deploy this group.
    let deployers: Set<String>

    init(
        name: String, hosts: [Host], key: String?, rules: [PatternRule], actions: [Action],
        auto: AutoResolution?, location: SourceLocation, matchers: [String: GroupMatcher]
    ) {
        self.name = name
        self.hosts = hosts
        self.key = key
        self.rules = rules
        self.actions = actions
        self.auto = auto
        self.location = location
        self.matchers = matchers
        deployers = Set(hosts.filter { !$0.receiveOnly }.map(\.name))
    }

    /// The `include` patterns, in order.
    public var includes: [PathPattern] { patterns(.include) }
    /// The `exclude` patterns, in order.
    public var excludes: [PathPattern] { patterns(.exclude) }
    /// The `compare` patterns (not used for deploys).
    public var compares: [PathPattern] { patterns(.compare) }

    /// The member named `host` (case-insensitive), if any.
    public func host(named host: String) -> Host? {
        let name = host.lowercased()
        return hosts.first { $0.name == name }
    }

    /// Is `host` a member (case-insensitive)?
    public func contains(_ host: String) -> Bool {
        self.host(named: host) != nil
    }

    /// Is `host` a member that deploys this group (not parenthesised)?
    public func isDeployed(by host: String) -> Bool {
        deployers.contains(host.lowercased())
    }

    /// Is `path` a file of this group for `host` (its prefixes substituted)? False when
    /// `host` is not a member.
    public func manages(_ path: String, asSeenBy host: String) -> Bool {
        guard let matcher = matchers[host.lowercased()] else { return false }
        var path = path
        return path.withUTF8 { matcher.matches($0) }
    }

    private func patterns(_ kind: PatternRule.Kind) -> [PathPattern] {
        rules.filter { $0.kind == kind }.map(\.pattern)
    }
}
