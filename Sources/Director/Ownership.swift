import Foundation
import Posix

/// Owner and group names for ids and back, cached for one snapshot (no global state). The
/// lookups are Posix's reentrant ones (`Accounts`): the service scans while other threads
/// look callers up.
final class Ownership {
    /// Every name looked up so far, by id.
    private(set) var users: [uid_t: String] = [:]
    private(set) var groups: [gid_t: String] = [:]

    /// The last lookups: most files of a tree share one owner and group.
    private var lastUser: (id: uid_t, name: String)?
    private var lastGroup: (id: gid_t, name: String)?

    /// Starts from the names an earlier scan looked up (a scan that keeps its files, see
    /// `KeptScan`, names the files it looks at again as the kept ones are named).
    func seed(users: [uid_t: String], groups: [gid_t: String]) {
        self.users.merge(users) { current, _ in current }
        self.groups.merge(groups) { current, _ in current }
    }

    func userName(_ uid: uid_t) -> String {
        if let last = lastUser, last.id == uid { return last.name }
        let name = lookUpUser(uid)
        lastUser = (uid, name)
        return name
    }

    func groupName(_ gid: gid_t) -> String {
        if let last = lastGroup, last.id == gid { return last.name }
        let name = lookUpGroup(gid)
        lastGroup = (gid, name)
        return name
    }

    private func lookUpUser(_ uid: uid_t) -> String {
        if let name = users[uid] { return name }
        let name = Accounts.accountName(uid) ?? String(uid)
        users[uid] = name
        return name
    }

    private func lookUpGroup(_ gid: gid_t) -> String {
        if let name = groups[gid] { return name }
        let name = Accounts.groupAccountName(gid) ?? String(gid)
        groups[gid] = name
        return name
    }

    /// The uid for a user name (or a numeric id); nil if unknown here.
    static func uid(of name: String) -> uid_t? {
        var accounts = Accounts()
        return accounts.uid(name)
    }

    /// The gid for a group name (or a numeric id); nil if unknown here.
    static func gid(of name: String) -> gid_t? {
        var accounts = Accounts()
        return accounts.gid(name)
    }
}
