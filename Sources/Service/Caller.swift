import Glibc
import Posix

/// The process at the other end of a service connection: who it runs as, from the kernel
/// (`SO_PEERCRED`), never from what it says.
public struct Caller: Sendable, Equatable {
    public var uid: uid_t
    public var gid: gid_t
    public var pid: pid_t
    /// The user's name, or the uid as text when it has none.
    public var user: String
    /// Names of the user's groups (primary and supplementary, from the group database).
    public var groups: Set<String>

    public init(uid: uid_t, gid: gid_t, pid: pid_t, user: String, groups: Set<String>) {
        self.uid = uid
        self.gid = gid
        self.pid = pid
        self.user = user
        self.groups = groups
    }

    /// The account named `user` (a web console login), or nil when there is none.
    public static func named(_ user: String) -> Caller? {
        guard let account = Accounts.account(named: user) else { return nil }
        return identify(uid: account.uid, gid: account.gid, pid: 0)
    }

    /// Looks the user and its groups up (reentrant lookups: connections and console requests
    /// are identified on several threads at once).
    static func identify(uid: uid_t, gid: gid_t, pid: pid_t) -> Caller {
        guard let name = Accounts.accountName(uid) else {
            return Caller(uid: uid, gid: gid, pid: pid, user: String(uid), groups: Accounts.groupAccountName(gid).map { [$0] } ?? [])
        }
        var count: Int32 = 64
        var ids = [gid_t](repeating: 0, count: Int(count))
        if getgrouplist(name, gid, &ids, &count) < 0 {
            ids = [gid_t](repeating: 0, count: Int(count))
            _ = getgrouplist(name, gid, &ids, &count)
        }
        let groups = Set(ids.prefix(Int(max(0, count))).compactMap(Accounts.groupAccountName))
        return Caller(uid: uid, gid: gid, pid: pid, user: name, groups: groups)
    }
}
