import Glibc

/// User and group names <-> ids (getpwnam_r & co.), cached for one operation.
/// A decimal string stands for the id itself when no account has that name.
public struct Accounts {
    private var uids: [String: UInt32?] = [:]
    private var gids: [String: UInt32?] = [:]
    private var userNames: [UInt32: String] = [:]
    private var groupNames: [UInt32: String] = [:]

    public init() {}

    /// The uid of user `name`; nil when unknown.
    public mutating func uid(_ name: String) -> UInt32? {
        if let cached = uids[name] { return cached }
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        let found = Self.withGrowingBuffer { getpwnam_r(name, &entry, $0, $1, &result) } && result != nil
        let uid = found ? entry.pw_uid : UInt32(name)
        uids[name] = .some(uid)
        return uid
    }

    /// The gid of group `name`; nil when unknown.
    public mutating func gid(_ name: String) -> UInt32? {
        if let cached = gids[name] { return cached }
        var entry = group()
        var result: UnsafeMutablePointer<group>?
        let found = Self.withGrowingBuffer { getgrnam_r(name, &entry, $0, $1, &result) } && result != nil
        let gid = found ? entry.gr_gid : UInt32(name)
        gids[name] = .some(gid)
        return gid
    }

    /// The name of `uid`, or the uid in decimal.
    public mutating func userName(_ uid: UInt32) -> String {
        if let cached = userNames[uid] { return cached }
        let name = Self.accountName(uid) ?? String(uid)
        userNames[uid] = name
        return name
    }

    /// The name of `gid`, or the gid in decimal.
    public mutating func groupName(_ gid: UInt32) -> String {
        if let cached = groupNames[gid] { return cached }
        let name = Self.groupAccountName(gid) ?? String(gid)
        groupNames[gid] = name
        return name
    }

    /// The account named exactly `name` (no decimal fallback): its uid and primary gid.
    /// Like every lookup here it is reentrant (`getpwnam_r`): the service and the console
    /// look callers up from several threads at once, where `getpwnam`'s one static entry
    /// would be shared.
    public static func account(named name: String) -> (uid: UInt32, gid: UInt32)? {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        let found = withGrowingBuffer { getpwnam_r(name, &entry, $0, $1, &result) } && result != nil
        return found ? (entry.pw_uid, entry.pw_gid) : nil
    }

    /// The name of the account with `uid`; nil when there is none.
    public static func accountName(_ uid: UInt32) -> String? {
        var name: String?
        _ = withGrowingBuffer { buffer, size in
            var entry = passwd()
            var result: UnsafeMutablePointer<passwd>?
            let status = getpwuid_r(uid, &entry, buffer, size, &result)
            if status == 0, result != nil, let raw = entry.pw_name { name = String(cString: raw) }
            return status
        }
        return name
    }

    /// The name of the group with `gid`; nil when there is none.
    public static func groupAccountName(_ gid: UInt32) -> String? {
        var name: String?
        _ = withGrowingBuffer { buffer, size in
            var entry = group()
            var result: UnsafeMutablePointer<group>?
            let status = getgrgid_r(gid, &entry, buffer, size, &result)
            if status == 0, result != nil, let raw = entry.gr_name { name = String(cString: raw) }
            return status
        }
        return name
    }

    /// Calls a `get*_r` function with a scratch buffer, growing it on ERANGE. True when the
    /// call returned 0. Strings in the entry point into the buffer: copy them inside `call`.
    private static func withGrowingBuffer(_ call: (UnsafeMutablePointer<CChar>, Int) -> Int32) -> Bool {
        var size = 1024
        while size <= 1 << 20 {
            var buffer = [CChar](repeating: 0, count: size)
            let status = buffer.withUnsafeMutableBufferPointer { chunk in
                chunk.baseAddress.map { call($0, chunk.count) } ?? ERANGE
            }
            if status != ERANGE { return status == 0 }
            size *= 4
        }
        return false
    }
}
