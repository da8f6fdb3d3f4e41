import Director
import GitStore
import Wire

extension Apply {
    /// The apply for `plan`, the wire's (ids in hex from here on): deploy `deployID` by
    /// director `director`, from the node's commit `from` to `to`, with `options`' flags.
    init(
        _ plan: NodeChangeSet, deployID: String, director: String, options: DeployOptions, from: ObjectID?, to: ObjectID
    ) {
        let changes = plan.changes.map { change -> Wire.FileChange in
            if let new = change.new {
                return Wire.FileChange(
                    path: change.path.managed, kind: .put, blobID: new.entry.id.hex,
                    mode: new.entry.mode == .symlink ? Wire.FileChange.symlinkMode : new.attributes.mode,
                    owner: new.attributes.owner, group: new.attributes.group,
                    expectedOldBlobID: change.old?.entry.id.hex)
            }
            return Wire.FileChange(
                path: change.path.managed, kind: .delete, blobID: nil, mode: 0, owner: "", group: "",
                expectedOldBlobID: change.old?.entry.id.hex)
        }
        let actions = plan.actions.map {
            ActionRequest(
                pattern: $0.pattern, commands: $0.commands, logfile: $0.logfile, paths: $0.paths,
                timeoutMillis: $0.timeoutMillis.map { UInt32(clamping: $0) }, verify: $0.verify)
        }
        self.init(
            deployID: deployID, director: director, user: options.user, fromCommit: from?.hex, toCommit: to.hex,
            force: options.force, changes: changes, actions: actions, rollbackOnFailure: options.rollbackOnFailure,
            dropPendingActions: options.dropPendingActions)
    }
}
