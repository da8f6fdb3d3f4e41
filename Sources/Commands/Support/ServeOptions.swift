import ArgumentParser
import Posix

/// The options of `confsync serve`, which the command line parses (for --help and errors)
/// and the director's own binary (`confsync-director`) runs with.
public struct ServeOptions: ParsableArguments {
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

    @Flag(
        help: ArgumentHelp(
            "Keep no descriptor but standard input, output and error from whoever started the service.",
            discussion: """
                For a starter that is a shell script (the OCF resource agent): a descriptor it leaked \
                stays with the starter instead of being held open for the service's whole life. \
                systemd hands on none, so its unit does not need it.
                """))
    var closeInheritedFds = false

    public init() {}

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
