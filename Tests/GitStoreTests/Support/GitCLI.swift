import Foundation
import TestSupport

/// Runs the real git command line, isolated from the user's and the system's configuration.
enum GitCLI {
    struct Failure: Error, CustomStringConvertible {
        var arguments: [String]
        var status: Int32
        var stderr: String
        var description: String { "git \(arguments.joined(separator: " ")) exited \(status): \(stderr)" }
    }

    /// git's standard output; throws `Failure` on a non-zero exit status.
    @discardableResult
    static func run(_ arguments: [String], in directory: String? = nil, input: [UInt8] = []) throws -> String {
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        environment["GIT_AUTHOR_NAME"] = "Git CLI"
        environment["GIT_AUTHOR_EMAIL"] = "cli@example.org"
        environment["GIT_COMMITTER_NAME"] = "Git CLI"
        environment["GIT_COMMITTER_EMAIL"] = "cli@example.org"
        let result = try ProcessRunner.run(
            "/usr/bin/git", arguments, input: input, environment: environment, directory: directory)
        guard result.status == 0 else {
            throw Failure(arguments: arguments, status: result.status, stderr: result.stderr)
        }
        return result.stdout
    }

    /// The output split into non-empty lines.
    static func lines(_ arguments: [String], in directory: String? = nil) throws -> [String] {
        try run(arguments, in: directory).split(separator: "\n").map(String.init)
    }
}
