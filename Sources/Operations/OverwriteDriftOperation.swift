import Deploy
import Director

extension DirectorOperations {
    /// Brings `node` to `revision` over its drift: a forced deploy to that node alone that
    /// also writes again the drifted files the commit does not change (`overwriteDrift`). The
    /// node hands the drifted content back first; it is kept under refs/confsync/drift/NODE,
    /// and the deploy's record (by `user`) names that commit (`driftSaved`). On `warm`'s
    /// connection to the node, where it keeps one.
    public func overwriteDrift(
        on node: String, revision: String = "HEAD", user: String, wait: LockWait = LockWait(), warm: WarmSessions? = nil
    ) throws -> DeployReport {
        var options = DeployOptions(user: user)
        options.revision = revision
        options.nodes = [node]
        options.force = true
        options.overwriteDrift = true
        return try deploy(options, wait: wait, warm: warm)
    }
}
