import Foundation
import Testing
@testable import Transport

/// Runs `body` on its own thread (blocking socket work stays off the test's executor);
/// `value()` waits for it.
final class Background<T: Sendable>: @unchecked Sendable {
    private let finished = DispatchSemaphore(value: 0)
    private var outcome: Result<T, any Error>?

    init(_ body: @escaping @Sendable () throws -> T) {
        Thread { [self] in
            outcome = Result { try body() }
            finished.signal()
        }.start()
    }

    /// The closure's result or error; fails if it has not finished within 30 seconds.
    func value() throws -> T {
        guard finished.wait(timeout: .now() + 30) == .success, let outcome else {
            throw TransportError(.timeout, "background work did not finish")
        }
        return try outcome.get()
    }
}

/// The error `body` throws, if it is a TransportError.
func transportError(_ body: () throws -> some Any) -> TransportError? {
    do {
        _ = try body()
        return nil
    } catch {
        return error as? TransportError
    }
}

let loopback = Endpoint(host: "127.0.0.1", port: 0)

extension TLSListener {
    var endpoint: Endpoint { Endpoint(host: "127.0.0.1", port: port) }
}

/// A fresh directory under the system's temporary directory, removed by `remove()`.
struct TemporaryDirectory {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "transport-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// Runs a command with `input` on its standard input (from a file, so that a command
/// that exits early cannot leave us writing into a closed pipe), returning its exit
/// status and standard output.
@discardableResult
func run(_ arguments: [String], input: String = "") throws -> (status: Int32, output: String) {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let inputPath = directory.path + "/stdin"
    try input.write(toFile: inputPath, atomically: false, encoding: .utf8)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    process.standardInput = FileHandle(forReadingAtPath: inputPath)
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}
