/// Who may do what through the service socket: root and the write group may change things
/// (commit, sync, deploy); they and the read group may read (status, log, show, diff).
/// Putting an admin in a group replaces a setuid binary.
public struct ServiceAccess: Sendable, Equatable {
    public var writeGroup: String
    public var readGroup: String

    public init(writeGroup: String = "confsync", readGroup: String = "confsync-read") {
        self.writeGroup = writeGroup
        self.readGroup = readGroup
    }

    /// Nil when `caller` may run `operation`, else why not.
    func refusal(_ operation: ServiceOperation, for caller: Caller) -> String? {
        if caller.uid == 0 || caller.groups.contains(writeGroup) { return nil }
        if !operation.changesAnything && caller.groups.contains(readGroup) { return nil }
        let needed = operation.changesAnything ? "group \(writeGroup)" : "group \(readGroup) or \(writeGroup)"
        return "user \(caller.user) (uid \(caller.uid)) may not \(operation.rawValue): that needs \(needed)"
    }
}
