import ArgumentParser
import Director

/// `--wait SECONDS` for the commands that take a repository lock (commit, sync, deploy): how
/// long to wait for another confsync command holding it before giving up (exit 1).
struct WaitOption: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Wait this long for another confsync commit or deploy on this repository to finish.",
            discussion: """
                Commits and deploys from one repository run one at a time; the second says once \
                which process it waits for, then goes on where it finished. 0 gives up at once.
                """,
            valueName: "seconds"))
    var wait: Double = LockWait.defaultSeconds

    /// The wait, saying which process it waits for on `output`.
    func lockWait(output: Output = .terminal) throws -> LockWait {
        guard wait >= 0, wait.isFinite else { throw ValidationError("--wait must be 0 or more seconds") }
        return LockWait(seconds: wait) { output.note($0) }
    }
}
