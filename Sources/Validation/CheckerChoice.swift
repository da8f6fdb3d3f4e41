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

    /// The last path component, found on the UTF-8 bytes (this runs for every managed file).
    static func basename(_ path: String) -> Substring {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return Substring(path) }
        return path[path.index(after: slash)...]
    }
}
