import Director
import Foundation
import Service

/// What `confsync-director` runs: the director service for `options`, with the web console
/// when one is asked for (--web, or 'web ADDRESS:PORT;' in the cluster file's confsync block).
/// The console is started by `startConsole`, given by the binary that links it.
public enum ServeMain {
    /// Runs until a signal stops the service (SIGTERM, SIGINT; SIGHUP re-reads the cluster file).
    public static func run(_ options: ServeOptions, startConsole: (ConsoleConfiguration) throws -> Void) throws {
        let repository = options.repository
        let configuration = DirectorService.Configuration(
            repository: repository.repositoryPath, root: repository.rootPath,
            socketPath: options.socket.map(Paths.absolute) ?? ServiceSocket.defaultPath(root: repository.rootPath),
            access: ServiceAccess(writeGroup: options.group, readGroup: options.readGroup), inProcess: ServedCommands())
        let service: DirectorService
        do {
            service = try DirectorService(configuration)
        } catch {
            throw Exit.failure("\(error)")
        }
        // --web, else the cluster file's 'web ADDRESS:PORT;'.
        let configured = (try? DirectorRepository.open(repository: repository.repositoryPath, root: repository.rootPath)
            .liveCluster().config.webAddress) ?? nil
        if let web = options.web ?? configured {
            let (host, port) = try ServeOptions.address(web)
            do {
                try startConsole(
                    ConsoleConfiguration(
                        repository: repository.repositoryPath, root: repository.rootPath, host: host, port: port,
                        access: configuration.access, pamService: options.pamService, secureCookies: !options.insecureCookies,
                        warm: service.shared))
            } catch {
                throw Exit.failure("\(error)")
            }
        }
        // SIGHUP re-reads the cluster file; SIGTERM and SIGINT stop after the work in flight.
        // Handled on a queue, not in a signal handler (`SignalSources`; the commands the
        // service runs start with the default dispositions, see `ProcessStart`).
        let sources = SignalSources.handle([SIGHUP, SIGTERM, SIGINT]) { number in
            if number == SIGHUP { service.reload() } else { service.stop(signal: number) }
        }
        withExtendedLifetime(sources) { service.serve() }
    }
}
