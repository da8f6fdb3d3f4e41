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
        switch basename(path) {
        case "squid.conf": return .squid
        case "ldirectord.cf": return .ldirectord
        default: return nil
        }
    }

    static func basename(_ path: String) -> Substring {
        path.split(separator: "/", omittingEmptySubsequences: true).last ?? Substring(path)
    }
}
