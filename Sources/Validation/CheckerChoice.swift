import ClusterConfig

/// Which checker validates which path: the cluster file's `check` rules first, then the defaults.
public enum CheckerChoice {
    /// The checker for `path`, or nil when nothing checks it.
    /// Defaults: `squid.conf` (any directory) -> squid, `ldirectord.cf` -> ldirectord,
    /// the cluster file itself -> cluster.
    public static func checker(
        for path: String, clusterFile: String, cluster: ClusterConfig?
    ) -> CheckRule.Checker? {
        if let rule = cluster?.checker(for: path) {
            return rule == .none ? nil : rule
        }
        if path == clusterFile { return .cluster }
        if hasBasename(path, squidConf) { return .squid }
        if hasBasename(path, ldirectordCf) { return .ldirectord }
        return nil
    }

    private static let squidConf = Array("squid.conf".utf8)
    private static let ldirectordCf = Array("ldirectord.cf".utf8)

    /// Whether the last component of `path` is `name`, compared on the UTF-8 bytes (this runs
    /// for every managed file of every commit).
    static func hasBasename(_ path: String, _ name: [UInt8]) -> Bool {
        let utf8 = path.utf8
        guard utf8.count >= name.count, utf8.suffix(name.count).elementsEqual(name) else { return false }
        let before = utf8.index(utf8.endIndex, offsetBy: -name.count)
        return before == utf8.startIndex || utf8[utf8.index(before: before)] == UInt8(ascii: "/")
    }
}
