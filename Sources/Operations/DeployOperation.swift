import Deploy
import Director

extension DirectorOperations {
    /// A deploy as `confsync deploy` makes it: under the repository's deploy lock (a dry run
    /// takes none), so that a deploy from the service's schedule, its socket or the console
    /// runs before or after another, never beside it. `progress` gets each node as the sending to it starts and as it ends;
    /// `warm` keeps node connections open from one deploy to the next (see `WarmSessions`).
    public func deploy(
        _ options: DeployOptions, wait: LockWait = LockWait(), warm: WarmSessions? = nil,
        progress: @escaping @Sendable (DeployProgress) -> Void = { _ in }
    ) throws -> DeployReport {
        let lock = options.dryRun ? nil : try director.lockForDeploy(wait: wait)
        defer { withExtendedLifetime(lock) {} }
        return try DeployRunner(director: director, options: options).run(warm: warm, progress: progress)
    }
}
