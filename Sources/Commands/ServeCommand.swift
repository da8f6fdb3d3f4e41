import ArgumentParser
import Foundation
import Service

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the director service: a local API for admins who are not root, and scheduled syncs.",
        discussion: """
            Listens on a unix socket (default <root>/run/confsync/director.sock). Who may do
            what is decided from the caller's unix user (SO_PEERCRED), not from anything it
            says: root and members of the write group (default 'confsync') may commit, sync
            and deploy; members of the read group (default 'confsync-read') may read status,
            log and the schedule. No setuid binary, no sudo: add the web interface's user to
            a group. A commit through the service carries the calling user as its author, and
            the audit shows which user asked for each deploy.

            With 'sync every 15m;' in the cluster file's confsync block, the service commits
            the live files (if they are valid) and deploys on that schedule.

              confsync serve                                   as the systemd unit runs it
              confsync call status                             ask it, as any permitted user
              confsync call sync -m "squid: new ACL"

            See docs/service.md for the request format (JSON lines, version 1).
            """)

    @OptionGroup var repository: RepositoryOptions

    @Option(help: ArgumentHelp("The socket to listen on.", valueName: "path"))
    var socket: String?

    @Option(help: ArgumentHelp("The group whose members may commit, sync and deploy.", valueName: "group"))
    var group = "confsync"

    @Option(help: ArgumentHelp("The group whose members may read.", valueName: "group"))
    var readGroup = "confsync-read"

    func run() throws {
        let configuration = DirectorService.Configuration(
            repository: repository.repositoryPath, root: repository.rootPath,
            socketPath: socket.map(Paths.absolute) ?? ServiceSocket.defaultPath(root: repository.rootPath),
            access: ServiceAccess(writeGroup: group, readGroup: readGroup))
        let service: DirectorService
        do {
            service = try DirectorService(configuration)
        } catch {
            throw Exit.failure("\(error)")
        }
        // SIGHUP re-reads the cluster file; SIGTERM and SIGINT stop after the work in flight.
        // Handled on a queue, not in a signal handler (the signals are ignored process-wide;
        // the commands the service runs start with the default dispositions, see main.swift).
        let sources = [SIGHUP, SIGTERM, SIGINT].map { number -> DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if number == SIGHUP { service.reload() } else { service.stop(signal: number) }
            }
            source.resume()
            return source
        }
        withExtendedLifetime(sources) { service.serve() }
    }
}

/// Where the service listens unless told otherwise.
enum ServiceSocket {
    static func defaultPath(root: String) -> String {
        Paths.underRoot("/run/confsync/director.sock", root: root)
    }
}
