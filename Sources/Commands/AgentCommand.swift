import Agent
import ArgumentParser
import Foundation
import JournalLog
import Logging
import Posix
import Replication
import Serving
import Transport

struct AgentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agent",
        abstract: "Run the node agent: receive deploys from the directors and run actions.",
        discussion: """
            Reads /etc/confsync/agent.conf (under --root) if it exists; flags override it.
            At start it finishes or undoes an apply that was interrupted and runs pending
            actions, then listens. A damaged state file does not stop it: it warns, and the
            node's state is unknown until the next deploy re-establishes it. Only directors whose certificate fingerprint is trusted
            can connect; with group keys configured they must also prove one.

              confsync agent                                    as installed (systemd unit)
              confsync agent --root /srv/node1 --listen 127.0.0.1:7301 --name node1 \\
                  --trust SHA256:AB:...                         a test node on this machine
              confsync agent --repo /var/lib/confsync/repo.git  on a director: also
                                                                serves replication
            """)

    @Option(help: ArgumentHelp("Prefix for every managed path and default file.", valueName: "dir"))
    var root: String = "/"

    @Option(help: ArgumentHelp("Configuration file (default: <root>/etc/confsync/agent.conf).", valueName: "file"))
    var config: String?

    @Option(help: ArgumentHelp("This node's name in the cluster file (default: the host name).", valueName: "name"))
    var name: String?

    @Option(help: ArgumentHelp("Address and port to listen on (default 0.0.0.0:7300).", valueName: "addr:port"))
    var listen: String?

    @Option(help: ArgumentHelp("A director's certificate fingerprint to trust (repeatable).", valueName: "SHA256:..."))
    var trust: [String] = []

    @Option(name: .customLong("group-key"), help: ArgumentHelp("A group key file (repeatable).", valueName: "path"))
    var groupKey: [String] = []

    @Option(help: ArgumentHelp("State directory (default <root>/var/lib/confsync/agent).", valueName: "dir"))
    var state: String?

    @Option(
        name: .customLong("action-timeout"),
        help: ArgumentHelp(
            "How long a command may run when its action sets no 'timeout' (default 300s).", valueName: "duration"))
    var actionTimeout: String?

    @Option(help: ArgumentHelp("On a director: serve replication of this repository to the other directors.", valueName: "dir"))
    var repo: String?

    func run() throws {
        // A supervisor (or a test harness's worker thread) may have started us with signals
        // blocked; a daemon must stop on SIGTERM, and its actions must see default signals.
        var signals = sigset_t()
        sigemptyset(&signals)
        pthread_sigmask(SIG_SETMASK, &signals, nil)
        let root = Paths.absolute(self.root)
        var configuration = AgentConfiguration.defaults(root: root, name: name ?? InitCommand.localHostName())
        do {
            let file = config.map(Paths.absolute) ?? RootPath.live("/etc/confsync/agent.conf", root: root)
            if config != nil || FileManager.default.fileExists(atPath: file) {
                configuration = try configuration.loading(file)
            }
            if let name { configuration.name = name.lowercased() }
            if let listen {
                guard let endpoint = AgentConfiguration.endpoint(listen) else {
                    throw ValidationError("--listen needs ADDRESS:PORT, got '\(listen)'")
                }
                configuration.listen = endpoint
            }
            for text in trust {
                guard let fingerprint = Fingerprint(text) else { throw ValidationError("--trust: not a fingerprint: '\(text)'") }
                configuration.trusted.append(fingerprint)
            }
            configuration.groupKeyFiles += groupKey.map(Paths.absolute)
            if let state { configuration.stateDirectory = Paths.absolute(state) }
            if let actionTimeout {
                guard let millis = AgentConfiguration.actionTimeout(actionTimeout) else {
                    throw ValidationError("--\(AgentConfiguration.actionTimeoutProblem(actionTimeout))")
                }
                configuration.actionTimeoutMillis = millis
            }

            let logger = Logger.journal("confsync.agent", program: "confsync agent")
            // Held until the process exits: a second agent on this state directory stops here.
            let lock = try StateDirectoryLock.acquire(configuration.stateDirectory)
            defer { withExtendedLifetime(lock) {} }
            let engine = try ApplyEngine(
                root: root, stateDirectory: configuration.stateDirectory,
                options: ApplyEngine.Options(actionTimeout: .milliseconds(configuration.actionTimeoutMillis)))
            for warning in engine.stateWarnings { logger.warning("\(warning)") }
            let stopping = StopSignals.install { engine.stopRunningAction() }
            defer { withExtendedLifetime(stopping) {} }
            let recovery = try engine.recover()
            logger.log(level: recovery.resolution == .nothingInFlight ? .info : .notice, "\(recovery.sentence)")
            // The agent's own messages first; on a director, replication for the other directors.
            let replication = try repo.map { [try ReplicationService(repository: Paths.absolute($0), root: root)] } ?? []
            let agent = AgentServer(configuration: configuration, engine: engine, logger: logger)
            let server = try PeerServer(
                settings: try configuration.serverSettings(), handlers: [agent] + replication, logger: logger)
            // Unbuffered, so a supervisor or test reading the port sees it at once.
            FileHandle.standardOutput.write(Data(
                "confsync agent \(configuration.name) listening on \(configuration.listen.host):\(server.port)\n".utf8))
            server.serve()
        } catch let error as ValidationError {
            throw error
        } catch {
            throw Exit.failure("\(error)")
        }
    }
}
