import Foundation
import Hummingbird
import JournalLog
import Logging
import Operations
import PAM
import Posix
import Service
import Validation

/// The web console (`confsync serve --web ADDRESS:PORT`): the director service's pages for
/// people, on the same core and with the same groups as the socket API. Log in with the
/// host's accounts (PAM); the read group reads, the write group changes; every change is
/// made as, and recorded for, the logged-in user.
public final class WebConsole: Sendable {
    /// Where and how the console is served (`ConsoleConfiguration`, in the service's module
    /// so that `confsync serve` fills it in without linking the console).
    public typealias Configuration = ConsoleConfiguration

    public let configuration: Configuration
    /// What the history pages read again and again, kept while the console runs.
    let memo = HistoryMemo()
    /// Logged-in people, kept in `/run/confsync/console-sessions.json` (under the root) so
    /// that a restart of the service logs no one out.
    let sessions: SessionStore
    /// The deploys started from the console, for their pages.
    let deploys = DeployJobs()

    /// A console on `configuration.host`, which must be a loopback address: the console
    /// speaks plain HTTP, so anything else goes through the site's reverse proxy with TLS.
    public init(_ configuration: Configuration) throws {
        guard Self.isLoopback(configuration.host) else {
            throw ServiceError(
                .badRequest,
                "the web console speaks plain HTTP and listens on loopback only (127.0.0.1, ::1, localhost), "
                    + "not \(configuration.host); put the site's HTTPS reverse proxy in front of it "
                    + "(templates/apache-confsync.conf)")
        }
        self.configuration = configuration
        sessions = SessionStore(file: RootPath.live("/run/confsync/console-sessions.json", root: configuration.root))
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    /// Serves until the process ends (on Swift concurrency's threads; the core's blocking
    /// calls run on threads of their own, see `blocking`). `ready` is called once listening.
    public func start(ready: @escaping @Sendable (Int) -> Void = { _ in }) {
        let router = Router(context: ConsoleContext.self)
        ConsoleRoutes(console: self).add(to: router)
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "confsync"),
            onServerRunning: { channel in ready(channel.localAddress?.port ?? 0) })
        Task.detached {
            do {
                try await app.runService(gracefulShutdownSignals: [])
            } catch {
                Self.log(.error, "the web console stopped: \(error)")
            }
        }
    }

    /// The console's journal lines, written as `confsync console`.
    public static let logger = Logger.journal("confsync.console", program: "confsync console")

    static func log(_ level: Logger.Level, _ message: String) {
        logger.log(level: level, "\(message)")
    }
}
