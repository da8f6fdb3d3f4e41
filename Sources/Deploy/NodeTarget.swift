import ClusterConfig
import Posix
import Transport

/// A node as a deploy reaches it: where, which certificate to expect, which group key.
public struct NodeTarget: Sendable {
    public var plan: NodePlan
    public var endpoint: Endpoint
    public var fingerprint: Fingerprint?
    /// The group key file of the first of the node's groups that names one (live path).
    public var keyFile: String?

    public var name: String { plan.name }

    /// Whether a connection opened for `other` is one this target would open: same node,
    /// address, pinned certificate and group key (the file sets may differ).
    func connectsLike(_ other: NodeTarget) -> Bool {
        name == other.name && endpoint == other.endpoint && fingerprint == other.fingerprint
            && keyFile == other.keyFile
    }

    public init(plan: NodePlan, root: String) {
        self.plan = plan
        endpoint = Endpoint(host: plan.address, port: plan.port)
        fingerprint = plan.settings.fingerprint.flatMap(Fingerprint.init)
        keyFile = plan.groups.lazy.compactMap(\.key).first.map { RootPath.live($0, root: root) }
    }
}
