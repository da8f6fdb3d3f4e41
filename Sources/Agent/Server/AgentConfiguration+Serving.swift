import Serving
import Transport

extension AgentConfiguration {
    /// The `PeerServer` this configuration describes: its certificate and group keys read,
    /// its trust list checked to be non-empty (an agent nobody may deploy to is a mistake).
    public func serverSettings(limits: ConnectionLimits = ConnectionLimits()) throws -> ServerSettings {
        guard !trusted.isEmpty else {
            throw AgentError(
                .invalidRequest,
                "no trusted director: add 'trust = SHA256:...' (the director's 'confsync fingerprint') to the agent configuration")
        }
        let identity = try Identity.load(certificatePath: certificate, keyPath: privateKey)
        return ServerSettings(
            name: name, listen: listen, identity: identity, trusted: Set(trusted), trustSetting: "agent.conf 'trust ='",
            groupKeys: try groupKeyFiles.map(HostFiles.readGroupKey), limits: limits, ioTimeout: 120)
    }
}
