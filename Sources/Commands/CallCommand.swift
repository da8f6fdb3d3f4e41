import ArgumentParser
import Foundation
import Service

struct CallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "call",
        abstract: "Send one request to the running director service and print its JSON answer.",
        discussion: """
            For scripts and web interfaces that run as an unprivileged user: the service does
            the work with its own rights, after checking the caller's groups.

              confsync call status
              confsync call log --limit 5
              confsync call sync -m "squid: block the new ad network"

            Exit 0 when the service answered ok, 1 otherwise (its error is printed).
            """)

    @OptionGroup var repository: RepositoryOptions

    @Argument(help: ArgumentHelp(
        "ping, status, log, schedule, commit, sync or deploy.", valueName: "operation"))
    var operation: String

    @Option(name: .shortAndLong, help: "The commit message (commit, sync).")
    var message: String?

    @Option(help: ArgumentHelp("The author, 'Name <email>' (default: your unix user).", valueName: "author"))
    var author: String?

    @Option(help: "At most this many commits (log).")
    var limit: Int?

    @Option(help: ArgumentHelp("The service's socket.", valueName: "path"))
    var socket: String?

    func run() throws {
        guard let op = ServiceOperation(rawValue: operation) else {
            throw ValidationError("unknown operation '\(operation)'; use one of \(ServiceOperation.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let path = socket.map(Paths.absolute) ?? ServiceSocket.defaultPath(root: repository.rootPath)
        let answer: String
        do {
            answer = try ServiceClient(socketPath: path).send(
                ServiceRequest(op: op, message: message, author: author, limit: limit))
        } catch {
            throw Exit.failure("\(error) (is 'confsync serve' running?)")
        }
        Console.print(answer)
        let ok = (try? JSONSerialization.jsonObject(with: Data(answer.utf8)) as? [String: Any])?["ok"] as? Bool
        if ok != true { throw ExitCode(Exit.failed) }
    }
}
