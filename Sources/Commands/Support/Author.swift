import ArgumentParser
import Foundation
import GitStore

/// The author of a commit: --author "Name <email>", else the invoking user
/// (SUDO_USER before USER, so `sudo confsync commit` names the admin, not root).
struct AuthorOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Author of the commit.", valueName: "Name <email>"))
    var author: String?

    func signature() throws -> Signature {
        let now = Int64(Date().timeIntervalSince1970)
        let offset = Int32(TimeZone.current.secondsFromGMT() / 60)
        if let author {
            guard let open = author.firstIndex(of: "<"), let close = author.lastIndex(of: ">"), open < close else {
                throw ValidationError("--author must look like 'Name <email>', got '\(author)'")
            }
            let name = author[..<open].trimmingCharacters(in: .whitespaces)
            let email = String(author[author.index(after: open)..<close])
            guard !name.isEmpty else { throw ValidationError("--author needs a name before <email>") }
            return Signature(name: name, email: email, time: now, offsetMinutes: offset)
        }
        let user = Self.invokingUser()
        return Signature(name: user, email: "\(user)@\(ProcessInfo.processInfo.hostName)", time: now, offsetMinutes: offset)
    }

    /// The admin running the command: the caller the director service runs it for
    /// (`CONFSYNC_SERVICE_CALLER`, from the kernel's peer credentials), else SUDO_USER before USER.
    static func invokingUser() -> String {
        let env = ProcessInfo.processInfo.environment
        return [env["CONFSYNC_SERVICE_CALLER"], env["SUDO_USER"], env["USER"], env["LOGNAME"]].compactMap { $0 }
            .first { !$0.isEmpty } ?? "root"
    }

    /// Who a deploy is recorded for: the caller of the director service when it runs the
    /// command, else the commit's author.
    static func deployUser(author: Signature) -> String {
        ProcessInfo.processInfo.environment["CONFSYNC_SERVICE_CALLER"] ?? author.name
    }
}
