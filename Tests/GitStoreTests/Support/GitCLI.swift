import Foundation

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
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        environment["GIT_AUTHOR_NAME"] = "Git CLI"
        environment["GIT_AUTHOR_EMAIL"] = "cli@example.org"
        environment["GIT_COMMITTER_NAME"] = "Git CLI"
        environment["GIT_COMMITTER_EMAIL"] = "cli@example.org"
        process.environment = environment
        let output = Pipe()
        let errors = Pipe()
        let inputPipe = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = inputPipe
        try process.run()
        inputPipe.fileHandleForWriting.write(Data(input))
        try inputPipe.fileHandleForWriting.close()
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(
                arguments: arguments, status: process.terminationStatus,
                stderr: String(decoding: stderr, as: UTF8.self))
        }
        return String(decoding: stdout, as: UTF8.self)
    }

    /// The output split into non-empty lines.
    static func lines(_ arguments: [String], in directory: String? = nil) throws -> [String] {
        try run(arguments, in: directory).split(separator: "\n").map(String.init)
    }
}
