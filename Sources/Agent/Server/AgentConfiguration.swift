import Foundation
import Posix
import Transport

/// The agent's settings: /etc/confsync/agent.conf (`key = value` lines; `trust` and
/// `group-key` may repeat), each overridable by a flag of `confsync agent`.
public struct AgentConfiguration: Sendable {
    /// This node's name as the cluster file spells it.
    public var name: String
    public var listen: Endpoint
    public var certificate: String
    public var privateKey: String
    /// Group key files (csync2's `key`); a director must prove one of them. Empty: TLS pinning only.
    public var groupKeyFiles: [String]
    /// Fingerprints of the directors allowed to deploy here.
    public var trusted: [Fingerprint]
    public var stateDirectory: String
    /// Prefix for every managed path ("/" in production).
    public var root: String
    /// `action-timeout`: how long a command whose action sets no `timeout` may run.
    public var actionTimeoutMillis: Int = Self.defaultActionTimeoutMillis

    /// 300 s, as csync2 has no limit at all and a reload may take a while.
    public static let defaultActionTimeoutMillis = 300_000

    public init(
        name: String, listen: Endpoint, certificate: String, privateKey: String, groupKeyFiles: [String],
        trusted: [Fingerprint], stateDirectory: String, root: String
    ) {
        self.name = name
        self.listen = listen
        self.certificate = certificate
        self.privateKey = privateKey
        self.groupKeyFiles = groupKeyFiles
        self.trusted = trusted
        self.stateDirectory = stateDirectory
        self.root = root
    }

    /// Defaults for a host whose files live under `root`.
    public static func defaults(root: String, name: String) -> AgentConfiguration {
        AgentConfiguration(
            name: name, listen: Endpoint(host: "0.0.0.0", port: 7300),
            certificate: RootPath.live(HostFiles.certificate, root: root),
            privateKey: RootPath.live(HostFiles.privateKey, root: root), groupKeyFiles: [], trusted: [],
            stateDirectory: RootPath.live("/var/lib/confsync/agent", root: root), root: root)
    }

    /// Reads `path` over `self`; paths in the file are live paths, placed under the root.
    /// Errors name the file and line.
    public func loading(_ path: String) throws -> AgentConfiguration {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AgentError(.invalidRequest, "cannot read agent configuration \(path)")
        }
        var config = self
        for (index, raw) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let where_ = "\(path):\(index + 1):1"
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[1].isEmpty else {
                throw AgentError(.invalidRequest, "\(where_): error: expected 'key = value'")
            }
            let value = parts[1]
            switch parts[0] {
            case "name": config.name = value.lowercased()
            case "listen":
                guard let endpoint = Self.endpoint(value) else {
                    throw AgentError(.invalidRequest, "\(where_): error: listen needs ADDRESS:PORT, got '\(value)'")
                }
                config.listen = endpoint
            case "certificate": config.certificate = RootPath.live(value, root: root)
            case "key": config.privateKey = RootPath.live(value, root: root)
            case "group-key": config.groupKeyFiles.append(RootPath.live(value, root: root))
            case "trust":
                guard let fingerprint = Fingerprint(value) else {
                    throw AgentError(.invalidRequest, "\(where_): error: not a certificate fingerprint: '\(value)'")
                }
                config.trusted.append(fingerprint)
            case "state": config.stateDirectory = RootPath.live(value, root: root)
            case "action-timeout":
                guard let millis = Self.actionTimeout(value) else {
                    throw AgentError(.invalidRequest, "\(where_): error: \(Self.actionTimeoutProblem(value))")
                }
                config.actionTimeoutMillis = millis
            default:
                throw AgentError(.invalidRequest, "\(where_): error: unknown setting '\(parts[0])'")
            }
        }
        return config
    }

    /// An `action-timeout` value in milliseconds: `60`, `60s`, `500ms`, `2m`, `1h` (at most 24h).
    public static func actionTimeout(_ text: String) -> Int? {
        DurationSetting.milliseconds(text)
    }

    /// Why `text` is no `action-timeout`.
    public static func actionTimeoutProblem(_ text: String) -> String {
        "action-timeout needs a duration above 0 and at most 24h (60, 60s, 500ms, 2m), got '\(text)'"
    }

    /// "127.0.0.1:7300", "[::1]:7300", ":7300" (all addresses).
    public static func endpoint(_ text: String) -> Endpoint? {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
              (0...65535).contains(port)
        else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return Endpoint(host: host.isEmpty ? "0.0.0.0" : host, port: port)
    }
}
