import Foundation

/// Runs a program to its end, as the tests that drive real commands (confsync, git, perl,
/// squid, openssl) need: its input from a file (a program that exits early cannot leave us
/// writing into a closed pipe), its output and errors read at once so neither pipe fills up.
public enum ProcessRunner {
    /// What becomes of standard output or standard error.
    public enum Stream: Sendable {
        /// Read into the result.
        case capture
        /// Sent to /dev/null (a daemon a program leaves behind cannot hold the pipe open).
        case discard
    }

    /// Runs `executable` with `arguments`; `environment` nil inherits ours, `directory` nil
    /// keeps ours. Throws only when the program cannot be started: a failing exit is a result.
    public static func run(
        _ executable: String, _ arguments: [String] = [], input: [UInt8] = [],
        environment: [String: String]? = nil, directory: String? = nil,
        standardOutput: Stream = .capture, standardError: Stream = .capture
    ) throws -> ProcessResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        process.standardInput = try inputHandle(input)
        let output = standardOutput == .capture ? Pipe() : nil
        let errors = standardError == .capture ? Pipe() : nil
        process.standardOutput = output ?? FileHandle.nullDevice
        process.standardError = errors ?? FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw TestSupportError("cannot run \(executable) \(arguments.joined(separator: " ")): \(error)")
        }
        let errorData = BackgroundRead(errors?.fileHandleForReading)
        let outputData = output?.fileHandleForReading.readDataToEndOfFile() ?? Data()
        process.waitUntilExit()
        return ProcessResult(
            status: process.terminationStatus, wasSignalled: process.terminationReason == .uncaughtSignal,
            output: outputData, errors: errorData.wait())
    }

    /// /dev/null for no input, else a file holding `input` (unlinked once open).
    private static func inputHandle(_ input: [UInt8]) throws -> FileHandle {
        guard !input.isEmpty else { return FileHandle.nullDevice }
        let directory = try TemporaryDirectory(prefix: "process-input")
        defer { directory.remove() }
        let path = directory.path("stdin")
        guard FileManager.default.createFile(atPath: path, contents: Data(input)),
            let handle = FileHandle(forReadingAtPath: path)
        else { throw TestSupportError("cannot write the standard input file \(path)") }
        return handle
    }
}

/// How a program ended and what it wrote.
public struct ProcessResult: Sendable {
    /// The exit status, or the signal's number when `wasSignalled`.
    public var status: Int32
    /// Whether a signal ended it rather than an exit.
    public var wasSignalled: Bool
    public var output: Data
    public var errors: Data

    public var stdout: String { String(decoding: output, as: UTF8.self) }
    public var stderr: String { String(decoding: errors, as: UTF8.self) }
}

/// Reads a pipe to its end on a thread of its own; `wait()` returns what it read.
private final class BackgroundRead: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var data = Data()

    init(_ handle: FileHandle?) {
        guard let handle else {
            done.signal()
            return
        }
        Thread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }.start()
    }

    /// The data, once the writer has closed its end (the semaphore orders the write before this read).
    func wait() -> Data {
        done.wait()
        return data
    }
}
