import ArgumentParser
import Director
import Operations

/// --apply/--force for commands that make a commit restoring older files.
struct RestoreOptions: ParsableArguments {
    @Flag(help: "Also write the restored files to the live paths on this director (atomically, with their recorded owner and mode).")
    var apply = false

    @Flag(help: "With --apply: overwrite live files that have uncommitted edits.")
    var force = false

    /// Runs `makeCommit`; with --apply, checks for uncommitted edits first, then writes the
    /// head's files to the live paths (also when there was nothing to commit, so
    /// `rollback HEAD --apply` brings stale live files to main). Its text to `output`.
    func commitAndApply(
        _ director: DirectorRepository, verb: String, output: Output, _ makeCommit: () throws -> CommitResult
    ) throws {
        do {
            let restored = try DirectorOperations(director).restore(apply: apply, force: force, makeCommit)
            let committed = try CommitReport.print(restored.commit, verb: verb, to: output)
            // Nothing new to commit: with --apply the live files may still be behind main.
            if !committed && !apply { throw ExitCode(Exit.nothingToCommit) }
            if let written = restored.applied {
                output.print("Applied to the live files: \(written.count) file(s) under \(director.root)")
            }
        } catch let exit as ExitCode {
            throw exit
        } catch let error as DirectorError where error.code == .conflict || error.code == .drift {
            throw Exit.failure("\(error)", status: Exit.conflict, to: output)
        } catch {
            throw Exit.failure("\(error)", to: output)
        }
    }
}
