import ArgumentParser
import Posix

/// `confsync serve`: the director service runs from a binary of its own, `confsync-director`
/// beside this one, which links the web console (Hummingbird, SwiftNIO) that no other command
/// needs: every other command starts without loading it. This parses the options (so that
/// --help and a mistake read as with any command) and replaces this process with that
/// binary: the same pid, so systemd and signals see no difference.
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

    @OptionGroup var options: ServeOptions

    /// The service's binary.
    static let director = "confsync-director"

    func run() throws {
        let path = Executable.sibling(Self.director)
        let all = CommandLine.arguments
        let after = all.firstIndex(of: "serve").map { Array(all[(all.index(after: $0))...]) } ?? []
        // Asked for by a starter that leaks descriptors (a shell script run by a program
        // that watches its children through a socket, as Foundation's Process does). Not by
        // default: such a watcher takes a closed socket for the child's exit.
        if options.closeInheritedFds { Executable.closeInheritedDescriptorsOnExec() }
        let error = Executable.replace(with: path, arguments: [path] + after)
        throw Exit.failure("\(error); confsync-director is installed beside confsync ('swift build --product confsync-director')")
    }
}
