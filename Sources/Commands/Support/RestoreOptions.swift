import ArgumentParser
import Director

/// --apply/--force for commands that make a commit restoring older files.
struct RestoreOptions: ParsableArguments {
    @Flag(help: "Also write the restored files to the live paths on this director (atomically, with their recorded owner and mode).")
    var apply = false

    @Flag(help: "With --apply: overwrite live files that have uncommitted edits.")
    var force = false

    /// Runs `makeCommit`; with --apply, checks for uncommitted edits first, then writes the
    /// head's files to the live paths (also when there was nothing to commit, so
    /// `rollback HEAD --apply` brings stale live files to main).
    func commitAndApply(_ director: DirectorRepository, verb: String, _ makeCommit: () throws -> CommitResult) throws {
        do {
            let before = try director.tree(of: director.liveBase() ?? director.head())
            if apply && !force {
                // Live files that differ from what they were last in step with (not merely stale).
                let (changes, _) = try director.status()
                let edited = changes.filter { $0.new != before.files[$0.path] }
                if !edited.isEmpty {
                    throw Exit.failure(
                        "live files have uncommitted edits: \(edited.map(\.path).joined(separator: ", "))"
                            + "; commit them first, or use --force", status: Exit.conflict)
                }
            }
            let committed = try CommitReport.print(try makeCommit(), verb: verb)
            // Nothing new to commit: with --apply the live files may still be behind main.
            if !committed && !apply { throw ExitCode(Exit.nothingToCommit) }
            if apply, let head = try director.head() {
                let written = try director.applyToLive(try director.tree(of: head), previous: before, force: force)
                director.markLiveFiles(at: head.id)
                Console.print("Applied to the live files: \(written.count) file(s) under \(director.root)")
            }
        } catch let exit as ExitCode {
            throw exit
        } catch let error as DirectorError where error.code == .conflict || error.code == .drift {
            throw Exit.failure("\(error)", status: Exit.conflict)
        } catch {
            throw Exit.failure("\(error)")
        }
    }
}
