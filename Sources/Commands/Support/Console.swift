import Diagnostics
import Foundation

/// Terminal output: plain text to pipes, colour only on a terminal (and never with NO_COLOR).
enum Console {
    /// CONFSYNC_COLOR=always: the director service runs the command for a caller whose
    /// terminal shows colour.
    static var colorEnabled: Bool {
        let environment = ProcessInfo.processInfo.environment
        return (isatty(STDOUT_FILENO) != 0 || environment["CONFSYNC_COLOR"] == "always") && environment["NO_COLOR"] == nil
    }

    /// A line to standard output, unbuffered, so it interleaves correctly with progress
    /// lines written from worker threads.
    static func print(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    static func error(_ message: String) {
        FileHandle.standardError.write(Data("confsync: error: \(message)\n".utf8))
    }

    static func note(_ message: String) {
        FileHandle.standardError.write(Data("confsync: \(message)\n".utf8))
    }

    /// Diagnostics to standard error, in file order, then a one-line summary if any is an error.
    static func report(_ diagnostics: [Diagnostic]) {
        guard !diagnostics.isEmpty else { return }
        var text = diagnostics.rendered() + "\n"
        if diagnostics.hasErrors { text += diagnostics.summary + "\n" }
        FileHandle.standardError.write(Data(text.utf8))
    }

    enum Color: String {
        case red = "31", green = "32", yellow = "33", cyan = "36", bold = "1"
    }

    static func paint(_ text: String, _ color: Color) -> String {
        colorEnabled ? "\u{1B}[\(color.rawValue)m\(text)\u{1B}[0m" : text
    }

    /// Colours a unified diff's lines (headers bold, - red, + green, @@ cyan) on a terminal.
    static func paintDiff(_ diff: String) -> String {
        guard colorEnabled else { return diff }
        return diff.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            if line.hasPrefix("+++") || line.hasPrefix("---") { return paint(String(line), .bold) }
            if line.hasPrefix("+") { return paint(String(line), .green) }
            if line.hasPrefix("-") { return paint(String(line), .red) }
            if line.hasPrefix("@@") { return paint(String(line), .cyan) }
            return String(line)
        }.joined(separator: "\n")
    }

    /// "2026-11-25 14:03:07 +0000" in the signature's own offset.
    static func date(_ time: Int64, offsetMinutes: Int32) -> String {
        var t = time_t(time + Int64(offsetMinutes) * 60)
        var parts = tm()
        gmtime_r(&t, &parts)
        var buffer = [Int8](repeating: 0, count: 64)
        let n = strftime(&buffer, buffer.count, "%Y-%m-%d %H:%M:%S", &parts)
        let sign = offsetMinutes < 0 ? "-" : "+"
        let abs = Swift.abs(Int(offsetMinutes))
        let offset = sign + String(format: "%02d%02d", abs / 60, abs % 60)
        return String(decoding: buffer.prefix(n).map { UInt8(bitPattern: $0) }, as: UTF8.self) + " " + offset
    }
}
