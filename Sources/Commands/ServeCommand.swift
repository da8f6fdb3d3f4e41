import ArgumentParser
import Director
import Foundation
import Logging
import Posix
import Service
import WebConsole

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

    @Option(
        help: ArgumentHelp(
            "Also serve the web console here (loopback only: put the site's HTTPS proxy in front).",
            discussion: """
                e.g. 127.0.0.1:8080; default: 'web ADDRESS:PORT;' in the cluster file's confsync block, \
                else no console. See templates/apache-confsync.conf and docs/console.md.
                """,
            valueName: "address:port"))
    var web: String?

    @Option(help: ArgumentHelp("The PAM service the console's logins go through.", valueName: "name"))
    var pamService = "confsync"

    @Flag(help: "Console cookies without the Secure attribute (only for a plain-HTTP test on loopback).")
    var insecureCookies = false

    func run() throws {
        let configuration = DirectorService.Configuration(
            repository: repository.repositoryPath, root: repository.rootPath,
            socketPath: socket.map(Paths.absolute) ?? ServiceSocket.defaultPath(root: repository.rootPath),
            access: ServiceAccess(writeGroup: group, readGroup: readGroup), inProcess: ServedCommands())
        let service: DirectorService
        do {
            service = try DirectorService(configuration)
        } catch {
            throw Exit.failure("\(error)")
        }
        // --web, else the cluster file's 'web ADDRESS:PORT;'.
        let configured = (try? DirectorRepository.open(repository: repository.repositoryPath, root: repository.rootPath)
            .liveCluster().config.webAddress) ?? nil
        if let web = web ?? configured {
            let (host, port) = try Self.address(web)
            let console: WebConsole
            do {
                console = try WebConsole(
                    .init(
                        repository: repository.repositoryPath, root: repository.rootPath, host: host, port: port,
                        access: configuration.access, pamService: pamService, secureCookies: !insecureCookies,
                        warm: service.shared))
            } catch {
                throw Exit.failure("\(error)")
            }
            console.start { port in
                WebConsole.logger.notice("web console on http://\(host):\(port)/")
            }
        }
        // SIGHUP re-reads the cluster file; SIGTERM and SIGINT stop after the work in flight.
        // Handled on a queue, not in a signal handler (`SignalSources`; the commands the
        // service runs start with the default dispositions, see main.swift).
        let sources = SignalSources.handle([SIGHUP, SIGTERM, SIGINT]) { number in
            if number == SIGHUP { service.reload() } else { service.stop(signal: number) }
        }
        withExtendedLifetime(sources) { service.serve() }
    }
}

extension ServeCommand {
    /// `HOST:PORT` (IPv6 in brackets: `[::1]:8080`).
    static func address(_ text: String) throws -> (String, Int) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port)
        else { throw ValidationError("--web needs ADDRESS:PORT, e.g. 127.0.0.1:8080, not '\(text)'") }
        var host = String(text[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return (host, port)
    }
}

/// Where the service listens unless told otherwise.
enum ServiceSocket {
    static func defaultPath(root: String) -> String {
        RootPath.live("/run/confsync/director.sock", root: root)
    }
}
