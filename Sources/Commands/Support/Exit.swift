import ArgumentParser
import Foundation

/// Exit statuses a script can rely on (also listed in `confsync --help` and the README).
enum Exit {
    static let success: Int32 = 0
    /// Something went wrong: I/O, a missing repository, an unknown revision, a node unreachable.
    static let failed: Int32 = 1
    /// The configuration is invalid: nothing was committed.
    static let invalid: Int32 = 2
    /// Nothing to commit: the live files equal the last commit.
    static let nothingToCommit: Int32 = 3
    /// A conflict: a revert that no longer applies, a drifted file, a busy node.
    static let conflict: Int32 = 4
    /// A deploy that did not bring every node to the target commit, or whose action failed
    /// on a node (timed out, killed, non-zero exit: it stays pending).
    static let partial: Int32 = 5

    static let table = """
        Exit status: 0 success; 1 failure; 2 invalid configuration (nothing committed);
        3 nothing to commit; 4 conflict (revert does not apply, drift, node busy);
        5 deploy incomplete (some node is not at the target, or an action failed); 64 bad arguments.
        """

    /// Prints `confsync: error: message` to standard error; the caller throws the result.
    static func failure(_ message: String, status: Int32 = failed, to output: Output = .terminal) -> ExitCode {
        output.error(message)
        return ExitCode(status)
    }
}
