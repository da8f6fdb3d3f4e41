import Diagnostics
import Foundation
import Service

/// Terminal output: plain text to pipes, colour only on a terminal (and never with NO_COLOR);
/// the same as `Output.terminal`, for the commands that only ever print to this process's own.
enum Console {
    /// CONFSYNC_COLOR=always: the director service runs the command for a caller whose
    /// terminal shows colour.
    static var colorEnabled: Bool {
        let environment = ProcessInfo.processInfo.environment
        return (isatty(STDOUT_FILENO) != 0 || environment["CONFSYNC_COLOR"] == "always") && environment["NO_COLOR"] == nil
    }

    /// Whether standard output is a terminal a deploy may redraw its per-node block on
    /// (`Output.live`). CONFSYNC_LIVE=always: the director service runs the command for a
    /// caller whose standard output is one.
    static var liveEnabled: Bool {
        live(terminal: isatty(STDOUT_FILENO) != 0, environment: ProcessInfo.processInfo.environment)
    }

    /// This process's terminal, as `colorEnabled` and `liveEnabled` see it: what a command
    /// forwarded to the director service tells it of its caller's.
    static var terminal: CallerTerminal { CallerTerminal(color: colorEnabled, live: liveEnabled) }

    /// `liveEnabled` for a standard output that is a `terminal` or not: a terminal that
    /// cannot move its cursor (TERM=dumb, an editor's shell buffer) gets plain lines.
    static func live(terminal: Bool, environment: [String: String]) -> Bool {
        if environment["CONFSYNC_LIVE"] == "always" { return true }
        return terminal && environment["TERM"] != "dumb"
    }

    static func print(_ text: String) { Output.terminal.print(text) }

    static func error(_ message: String) { Output.terminal.error(message) }

    static func note(_ message: String) { Output.terminal.note(message) }

    static func report(_ diagnostics: [Diagnostic]) { Output.terminal.report(diagnostics) }

    enum Color: String {
        case red = "31", green = "32", yellow = "33", cyan = "36", bold = "1"
    }

    static func paint(_ text: String, _ color: Color) -> String { Output.terminal.paint(text, color) }

    static func paintDiff(_ diff: String) -> String { Output.terminal.paintDiff(diff) }

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
