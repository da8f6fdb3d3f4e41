import Diagnostics
import Foundation

/// Runs a checker declared in the cluster file (`check PATTERN exec "cmd %f";`) on the
/// candidate content: `%f` becomes a temporary file holding that content. A non-zero exit
/// is an error at the file, with the checker's output as the message.
struct ExternalChecker {
    let command: String
    let timeoutSeconds: Double = 60

    func check(content: [UInt8], displayPath: String) -> [Diagnostic] {
        let whole = SourceLocation(path: displayPath, line: 0)
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("confsync-check-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let name = displayPath.split(separator: "/").last.map(String.init) ?? "candidate"
            let file = directory.appendingPathComponent(name)
            try Data(content).write(to: file)
            let shellCommand = command.replacingOccurrences(of: "%f", with: shellQuote(file.path))
            let (status, output) = try run(shellCommand)
            guard status != 0 else { return [] }
            let text = output.replacingOccurrences(of: file.path, with: displayPath)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            return [.error(
                "external checker '\(command)' failed (exit \(status))" + (text.isEmpty ? "" : ": \(text)"),
                at: whole)]
        } catch {
            return [.error("external checker '\(command)' could not run: \(error)", at: whole)]
        }
    }

    private func run(_ shellCommand: String) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", shellCommand]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    private func shellQuote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
