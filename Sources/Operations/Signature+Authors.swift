import Foundation
import GitStore

/// Authors as the faces make them: the command line (`--author`, the invoking user), the
/// service (its caller, its schedule) and the console (the logged-in user).
extension Signature {
    /// `name <email>`, now, in this host's time zone.
    public static func now(name: String, email: String) -> Signature {
        Signature(
            name: name, email: email, time: Int64(Date().timeIntervalSince1970),
            offsetMinutes: Int32(TimeZone.current.secondsFromGMT() / 60))
    }

    /// A user of this host as the author: `user <user@host>`.
    public static func localUser(_ user: String) -> Signature {
        now(name: user, email: "\(user)@\(ProcessInfo.processInfo.hostName)")
    }

    /// `Name <email>` as typed (`--author`, a socket request's `author`); nil when it is not
    /// that shape or has no name before the `<`.
    public static func parse(_ text: String) -> Signature? {
        guard let open = text.firstIndex(of: "<"), let close = text.lastIndex(of: ">"), open < close else { return nil }
        let name = text[..<open].trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { return nil }
        return now(name: name, email: String(text[text.index(after: open)..<close]))
    }
}
