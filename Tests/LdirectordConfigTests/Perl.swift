import Foundation
import TestSupport

/// Runs perl on the machine, for tests that compare the checker's reading with perl's own.
enum Perl {
    static let path = "/usr/bin/perl"
    static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: path) }

    /// Runs `script` with `input` on stdin; returns stdout split into lines.
    static func run(_ script: String, input: [String]) throws -> [String] {
        let result = try ProcessRunner.run(path, ["-e", script], input: Array(input.map { $0 + "\n" }.joined().utf8))
        return result.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }
}
