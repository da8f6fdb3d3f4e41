import ClusterConfig
import Diagnostics
import Director
import GitStore
import Posix
import Transport

/// Another director of this director's groups: a non-parenthesised host of a group this
/// director deploys. Its agent (started with `--repo`) serves the replication.
public struct PeerDirector: Sendable {
    /// The host name (lowercase).
    public var name: String
    public var endpoint: Endpoint
    public var fingerprint: Fingerprint?
    /// The group key file (live path) of the first shared group that names one.
    public var keyFile: String?
    /// The groups both deploy, in file order: their `auto` and host order pick a side on conflict.
    public var groups: [Group]

    /// The peer directors in `cluster` of `host`, in the order the cluster file names them.
    public static func all(in cluster: ClusterConfig, host: String, root: String) -> [PeerDirector] {
        cluster.nodes(forDirector: host).compactMap { plan in
            let shared = plan.groups.filter { $0.isDeployed(by: plan.name) }
            guard !shared.isEmpty else { return nil }
            return PeerDirector(
                name: plan.name, endpoint: Endpoint(host: plan.address, port: plan.port),
                fingerprint: plan.settings.fingerprint.flatMap(Fingerprint.init),
                keyFile: shared.lazy.compactMap(\.key).first.map { RootPath.live($0, root: root) },
                groups: shared)
        }
    }

    /// The peers of `director` as the cluster file of its last commit names them (the live
    /// cluster file when no commit holds one).
    public static func all(of director: DirectorRepository) throws -> [PeerDirector] {
        all(in: try clusterConfig(of: director), host: director.settings.host, root: director.root)
    }

    /// The cluster file of the last commit, parsed, its includes from the same commit; the
    /// live one when no commit holds it yet. Only those files are read, not the whole tree.
    static func clusterConfig(of director: DirectorRepository) throws -> ClusterConfig {
        guard let head = try director.head(), let (config, diagnostics) = try director.cluster(of: head) else {
            let (config, diagnostics) = try director.liveCluster()
            guard !diagnostics.hasErrors else {
                throw ReplicationError(.noClusterFile, "the live cluster file is invalid:\n" + diagnostics.rendered())
            }
            return config
        }
        guard !diagnostics.hasErrors else {
            throw ReplicationError(
                .noClusterFile, "the cluster file of \(head.id.short) is invalid:\n" + diagnostics.rendered())
        }
        return config
    }
}
