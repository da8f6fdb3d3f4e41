import Foundation
import TestSupport

/// Asks the real ldirectord (through Oracle/ldirectord-check) for its verdicts.
enum LiveOracle {
    static let ldirectord = ProcessInfo.processInfo.environment["LDIRECTORD_BIN"] ?? "/usr/sbin/ldirectord"
    static var isAvailable: Bool {
        FileManager.default.fileExists(atPath: ldirectord) && FileManager.default.isExecutableFile(atPath: "/bin/bash")
    }

    struct Verdict: Equatable, Sendable {
        let valid: Bool
        let line: Int?
    }

    enum Failure: Error, CustomStringConvertible {
        case couldNotRun(file: String, status: Int32, output: String)
        var description: String {
            switch self {
            case .couldNotRun(let file, let status, let output): "oracle exited \(status) on \(file): \(output)"
            }
        }
    }

    /// The verdicts on `files` (names in the corpus), `jobs` oracle processes at a time.
    static func verdicts(_ files: [String], jobs: Int) throws -> [String: Verdict] {
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: jobs) { _ in
            while let file = results.nextFile(from: files) {
                results.record(file, Result { try verdict(file) })
            }
        }
        return try results.all()
    }

    private static func verdict(_ file: String) throws -> Verdict {
        let result = try ProcessRunner.run(
            "/bin/bash", [Corpus.oracle.path, Corpus.directory.appendingPathComponent(file).path],
            standardError: .discard)
        let text = result.stdout
        guard result.status <= 1 else {
            throw Failure.couldNotRun(file: file, status: result.status, output: text)
        }
        // "FILE:LINE: error: message" after the verdict line
        let error = text.split(separator: "\n").first { $0.contains(": error: ") }
        let line = error.flatMap { $0.split(separator: ":").dropFirst().first.flatMap { Int($0) } }
        return Verdict(valid: result.status == 0, line: line)
    }

    /// Shared between the worker threads.
    private final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var next = 0
        private var results: [String: Result<Verdict, Error>] = [:]

        func nextFile(from files: [String]) -> String? {
            lock.withLock {
                guard next < files.count else { return nil }
                defer { next += 1 }
                return files[next]
            }
        }

        func record(_ file: String, _ result: Result<Verdict, Error>) {
            lock.withLock { results[file] = result }
        }

        func all() throws -> [String: Verdict] {
            try lock.withLock { try results.mapValues { try $0.get() } }
        }
    }
}
