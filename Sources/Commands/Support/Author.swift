import ArgumentParser
import Foundation
import GitStore
import Operations

/// The author of a commit: --author "Name <email>", else the invoking user
/// (SUDO_USER before USER, so `sudo confsync commit` names the admin, not root).
struct AuthorOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Author of the commit.", valueName: "Name <email>"))
    var author: String?

    /// The author: --author, else `caller` (the service's caller it runs the command for),
    /// else the invoking user.
    func signature(caller: String? = nil) throws -> Signature {
        guard let author else { return .localUser(caller ?? Self.invokingUser()) }
        guard let signature = Signature.parse(author) else {
            throw ValidationError("--author must look like 'Name <email>' (a name, then the email in <>), got '\(author)'")
        }
        return signature
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
