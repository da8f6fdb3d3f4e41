import Glibc

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
        guard let entry = getpwnam(user) else { return nil }
        return identify(uid: entry.pointee.pw_uid, gid: entry.pointee.pw_gid, pid: 0)
    }

    /// Looks the user and its groups up.
    static func identify(uid: uid_t, gid: gid_t, pid: pid_t) -> Caller {
        guard let entry = getpwuid(uid), let namePointer = entry.pointee.pw_name else {
            return Caller(uid: uid, gid: gid, pid: pid, user: String(uid), groups: Self.name(ofGroup: gid).map { [$0] } ?? [])
        }
        let name = String(cString: namePointer)
        var count: Int32 = 64
        var ids = [gid_t](repeating: 0, count: Int(count))
        if getgrouplist(name, gid, &ids, &count) < 0 {
            ids = [gid_t](repeating: 0, count: Int(count))
            _ = getgrouplist(name, gid, &ids, &count)
        }
        let groups = Set(ids.prefix(Int(max(0, count))).compactMap(Self.name(ofGroup:)))
        return Caller(uid: uid, gid: gid, pid: pid, user: name, groups: groups)
    }

    private static func name(ofGroup gid: gid_t) -> String? {
        guard let group = getgrgid(gid), let name = group.pointee.gr_name else { return nil }
        return String(cString: name)
    }
}
