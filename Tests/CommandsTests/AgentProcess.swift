import Foundation

/// A `confsync agent` running as its own process, for the end-to-end tests.
enum AgentProcess {
    /// Starts `confsync agent ARGUMENTS` and waits for its "listening on ADDRESS:PORT" line.
    /// Its standard error goes to the file `stderr` (created), or nowhere.
    static func start(_ name: String, arguments: [String], stderr: String? = nil) throws -> (process: Process, port: Int) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.executable)
        process.arguments = ["agent"] + arguments
        // Its log as on a terminal, even when the tests run under systemd.
        var environment = ProcessInfo.processInfo.environment
        environment["JOURNAL_STREAM"] = nil
        process.environment = environment
        let out = Pipe()
        process.standardOutput = out
        if let stderr { _ = FileManager.default.createFile(atPath: stderr, contents: nil) }
        process.standardError = FileHandle(forWritingAtPath: stderr ?? "/dev/null")
        process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { throw ClusterError("agent \(name) exited before listening") }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard let port = text.split(separator: ":").last.flatMap({ Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) })
        else { throw ClusterError("agent \(name) said: \(text)") }
        return (process, port)
    }
}
