import ArgumentParser
import Director
import Replication

extension Resolution: ExpressibleByArgument {}

struct ReconcileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile",
        abstract: "Settle a main that diverged between this director and a peer director.",
        discussion: """
            Fetches the peer's commits and makes one commit whose parents are both heads, so
            no commit of either side is lost, then replicates: both mains move forward to it.
            Its files are:
              --take ours     this director's; the peer's head is also kept as
                              refs/confsync/diverged/PEER-DATE
              --take theirs   the peer's; this director's head is kept the same way
              --take merge    both: a file changed on one side only is taken from that side;
                              a file both changed differently is settled by the 'auto' word
                              of the directors' group, or refused (exit 4) without one
            Without --take, the group's 'auto' decides: none (or no auto) refuses and asks;
            any other word merges (docs/replication.md has the table). A merged tree is
            validated like a commit. --apply writes the result to the live files here.

              confsync reconcile --take merge
              confsync reconcile --peer lvs-director2 --take theirs --apply
            """)

    @OptionGroup var repository: RepositoryOptions
    @OptionGroup var authorOptions: AuthorOptions

    @Option(help: ArgumentHelp("The peer director (default: the only one).", valueName: "name"))
    var peer: String?

    @Option(help: ArgumentHelp("Whose files: ours, theirs or merge (default: the group's auto).", valueName: "side"))
    var take: Resolution?

    @Flag(help: "Also write the reconciled files to the live paths on this director.")
    var apply = false

    @Flag(help: "With --apply: overwrite live files that have uncommitted edits.")
    var force = false

    func run() throws {
        let director = try repository.open()
        let author = try authorOptions.signature()
        do {
            let before = try director.tree(of: director.head())
            if apply && !force {
                let (changes, _) = try director.status()
                if !changes.isEmpty {
                    throw Exit.failure(
                        "live files have uncommitted edits: \(changes.map(\.path.managed).joined(separator: ", "))"
                            + "; commit them first, or use --force", status: Exit.conflict)
                }
            }
            let reconciler = Reconciler(director: director)
            let (outcome, report) = try reconciler.run(with: reconciler.peer(named: peer), take: take, author: author)
            if let outcome {
                show(outcome, director: director)
                if apply {
                    let written = try director.applyToLive(
                        director.tree(of: outcome.commit), previous: before, force: force)
                    Console.print("Applied to the live files: \(written.count) file(s) under \(director.root)")
                } else if !outcome.changes.isEmpty {
                    Console.note(
                        "the live files here are as before: they get the reconciled files with \(report.peer)'s next "
                            + "deploy (or use --apply)")
                }
            } else {
                Console.print("main has not diverged from \(report.peer): replicated instead")
            }
            Console.print(ReplicationPrinter.line(report))
            if report.status == .diverged { throw Exit.failure("main still diverged", status: Exit.conflict) }
            if !report.isInSync {
                throw Exit.failure(
                    "\(report.peer) does not have the reconciled main yet; run 'confsync replicate' later",
                    status: Exit.partial)
            }
        } catch let exit as ExitCode {
            throw exit
        } catch let error as ReplicationError where error.code == .conflict {
            throw Exit.failure("\(error)", status: Exit.conflict)
        } catch let error as ReplicationError where error.code == .invalid {
            throw Exit.failure("\(error)", status: Exit.invalid)
        } catch let error as DirectorError where error.code == .conflict || error.code == .drift {
            throw Exit.failure("\(error)", status: Exit.conflict)
        } catch {
            throw Exit.failure("\(error)")
        }
    }

    private func show(_ outcome: ReconcileOutcome, director: DirectorRepository) {
        Console.report(outcome.diagnostics)
        Console.print("[main \(outcome.commit.id.short)] \(outcome.commit.summary)")
        if let kept = outcome.keptRef { Console.print("  files not taken kept as \(kept)") }
        for item in outcome.settled {
            let winner = item.side == .ours ? director.settings.host : outcome.divergence.peer
            Console.print("  conflict \(item.path): took \(winner)'s")
        }
        for change in outcome.changes { Console.print(" " + change.summary) }
    }
}
