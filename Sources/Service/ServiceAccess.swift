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

    /// Whether `caller` may read (log, show, status), and change (commit, deploy, revert).
    public func mayRead(_ caller: Caller) -> Bool { refusal("read", changesAnything: false, for: caller) == nil }
    public func mayChange(_ caller: Caller) -> Bool { refusal("change", changesAnything: true, for: caller) == nil }

    /// Nil when `caller` may run `operation`, else why not.
    func refusal(_ operation: ServiceOperation, for caller: Caller) -> String? {
        refusal(operation.rawValue, changesAnything: operation.changesAnything, for: caller)
    }

    /// Nil when `caller` may run the CLI command `command` through the service, else why not.
    func refusal(_ command: ForwardedCommand, for caller: Caller) -> String? {
        refusal("confsync " + command.rawValue, changesAnything: command.changesAnything, for: caller)
    }

    private func refusal(_ what: String, changesAnything: Bool, for caller: Caller) -> String? {
        if caller.uid == 0 || caller.groups.contains(writeGroup) { return nil }
        if !changesAnything && caller.groups.contains(readGroup) { return nil }
        let needed = changesAnything ? "group \(writeGroup)" : "group \(readGroup) or \(writeGroup)"
        return "user \(caller.user) (uid \(caller.uid)) may not \(what): that needs \(needed)"
    }
}
