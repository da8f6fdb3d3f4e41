import ArgumentParser
import Director

/// --apply/--force for commands that make a commit restoring older files.
struct RestoreOptions: ParsableArguments {
    @Flag(help: "Also write the restored files to the live paths on this director (atomically, with their recorded owner and mode).")
    var apply = false

    @Flag(help: "With --apply: overwrite live files that have uncommitted edits.")
    var force = false

    /// Runs `makeCommit`; with --apply, checks for uncommitted edits first, then writes the
    /// new head's files to the live paths.
    func commitAndApply(_ director: DirectorRepository, verb: String, _ makeCommit: () throws -> CommitResult) throws {
        do {
            let before = try director.tree(of: director.head())
            if apply && !force {
                let (changes, _) = try director.status()
                if !changes.isEmpty {
                    throw Exit.failure(
                        "live files have uncommitted edits: \(changes.map(\.path).joined(separator: ", "))"
                            + "; commit them first, or use --force", status: Exit.conflict)
                }
            }
            let result = try makeCommit()
            try CommitReport.print(result, verb: verb)
            if apply {
                let after = try director.tree(of: director.head())
                let written = try director.applyToLive(after, previous: before, force: force)
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
