import ArgumentParser
import Replication

struct ReplicateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replicate",
        abstract: "Make the peer directors' repositories the same as this one.",
        discussion: """
            The peer directors are the other non-parenthesised hosts of this director's groups.
            Each one's agent (started with --repo) is reached as a deploy reaches a node. Main
            moves only forward, on either side: a peer that is behind gets the new commits, a
            peer that is ahead gives them. The deploy records are merged; nothing is lost.
            A main that diverged is never overwritten: 'confsync reconcile' settles it.
            commit, deploy and sync replicate by themselves afterwards (unless --no-replicate).

              confsync replicate
              confsync replicate --peer lvs-director2

            Exit 0 when every peer has the same main; 4 if one diverged; 5 if one is unreachable
            or failed.
            """)

    @OptionGroup var repository: RepositoryOptions

    @Option(name: .customLong("peer"), help: ArgumentHelp("Only this peer director (repeatable).", valueName: "name"))
    var peers: [String] = []

    func run() throws {
        let director = try repository.open()
        var options = ReplicationOptions()
        options.peers = peers
        let reports: [PeerReport]
        do {
            reports = try Replicator(director: director, options: options).run {
                Console.print(ReplicationPrinter.line($0))
            }
        } catch {
            throw Exit.failure("\(error)")
        }
        if reports.isEmpty {
            Console.print("no peer directors: \(director.settings.host) is the only director of its groups")
            return
        }
        let inSync = reports.filter(\.isInSync).count
        let head = ReplicationPrinter.short(try? director.head()?.id)
        Console.print("\(inSync)/\(reports.count) peer director(s) have main at \(head)")
        if reports.contains(where: { $0.status == .diverged }) {
            throw Exit.failure("main diverged: run 'confsync reconcile'", status: Exit.conflict)
        }
        if inSync < reports.count {
            throw Exit.failure(
                "some peer director is not up to date; run 'confsync replicate' again later", status: Exit.partial)
        }
    }
}
