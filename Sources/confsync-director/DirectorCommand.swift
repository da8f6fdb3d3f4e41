import ArgumentParser
import Commands
import WebConsole

/// The director service with its web console: what `confsync serve` runs (same options;
/// `confsync serve --help` says what they do). A binary of its own so that no other
/// command loads the console's HTTP stack when it starts.
struct DirectorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "confsync-director",
        abstract: "The confsync director service and its web console (run as 'confsync serve').",
        discussion: "Takes the options of 'confsync serve'; see 'confsync serve --help' and docs/service.md.")

    @OptionGroup var options: ServeOptions

    func run() throws {
        try ServeMain.run(options) { configuration in
            let console = try WebConsole(configuration)
            console.start { port in
                WebConsole.logger.notice("web console on http://\(configuration.host):\(port)/")
            }
        }
    }
}
