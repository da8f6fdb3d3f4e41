/// The CLI commands the service runs for its callers (`run`), and who may run each: the read
/// group reads, the write group changes. Everything else (init, keygen, agent, serve, hook,
/// validate of arbitrary files, replicate, reconcile) runs only in the caller's own process,
/// with the caller's own rights.
public enum ForwardedCommand: String, Sendable, CaseIterable {
    case status, log, show, diff, blame, audit, drift
    case commit, sync, deploy, revert, rollback, adopt

    /// Whether the command may change the repository or the nodes.
    public var changesAnything: Bool {
        switch self {
        case .status, .log, .show, .diff, .blame, .audit, .drift: false
        case .commit, .sync, .deploy, .revert, .rollback, .adopt: true
        }
    }

    /// Options the service sets itself and a caller may not: they name the repository and the
    /// root it works on.
    static let reservedOptions = ["--root", "--repo"]

    /// Why `arguments` (the command line after `confsync`) cannot be run, or nil with the
    /// command it names.
    static func parse(_ arguments: [String]) -> Result<ForwardedCommand, ServiceError> {
        guard let first = arguments.first, let command = ForwardedCommand(rawValue: first) else {
            let names = allCases.map(\.rawValue).joined(separator: ", ")
            return .failure(ServiceError(.badRequest, "the service runs only \(names); got '\(arguments.first ?? "")'"))
        }
        for argument in arguments.dropFirst().prefix(while: { $0 != "--" }) {
            for option in reservedOptions where argument == option || argument.hasPrefix(option + "=") {
                return .failure(ServiceError(.badRequest, "\(option) is the service's own; leave it out"))
            }
        }
        return .success(command)
    }
}
