import Diagnostics
import Foundation
import Service

/// Where a command's text goes: the terminal's standard output and error, or (for a command
/// the director service runs in its own process for a caller, `ServedCommands`) the caller's
/// frames. Whole lines, in order, from any thread; colour as the reader's terminal shows it.
struct Output: Sendable {
    enum Stream: Sendable { case out, err }

    private let sink: Sink
    let color: Bool
    /// Whether the reader's standard output is a terminal that lines may be redrawn on (a
    /// deploy's live per-node block, `DeployProgressPrinter`); false for a pipe or a file,
    /// which get plain lines only.
    let live: Bool

    /// This process's standard output and error (a constant: whether its terminal shows
    /// colour, or is one, does not change while it runs).
    static let terminal = Output(Console.terminal) { text, stream in
        (stream == .out ? FileHandle.standardOutput : FileHandle.standardError).write(Data(text.utf8))
    }

    /// `write` gets each piece of text (whole lines, with their newlines) one at a time.
    init(color: Bool, live: Bool = false, write: @escaping @Sendable (String, Stream) -> Void) {
        self.color = color
        self.live = live
        sink = Sink(write)
    }

    /// What the reader's terminal shows, as one value.
    var terminal: CallerTerminal { CallerTerminal(color: color, live: live) }

    /// Output for a reader with `terminal` (the caller's, for a command the service runs).
    init(_ terminal: CallerTerminal, write: @escaping @Sendable (String, Stream) -> Void) {
        self.init(color: terminal.color, live: terminal.live, write: write)
    }

    /// A line to standard output, unbuffered, so it interleaves correctly with progress
    /// lines written from worker threads.
    func print(_ text: String) { sink.write(text + "\n", .out) }

    /// Text to `stream` as it is: a live block's redrawing (escape sequences, then whole
    /// lines), which `print` would end with one newline too many, or what a deploy's progress
    /// printer passes on for the command while that block is on the screen.
    func write(_ text: String, to stream: Stream = .out) {
        guard !text.isEmpty else { return }
        sink.write(text, stream)
    }

    func error(_ message: String) { sink.write("confsync: error: \(message)\n", .err) }

    func note(_ message: String) { sink.write("confsync: \(message)\n", .err) }

    /// A line to standard error as it is (what the argument parser prints for an error).
    func errorLine(_ text: String) { sink.write(text + "\n", .err) }

    /// Diagnostics to standard error, in file order, then a one-line summary if any is an error.
    func report(_ diagnostics: [Diagnostic]) {
        guard !diagnostics.isEmpty else { return }
        var text = diagnostics.rendered() + "\n"
        if diagnostics.hasErrors { text += diagnostics.summary + "\n" }
        sink.write(text, .err)
    }

    func paint(_ text: String, _ color: Console.Color) -> String {
        self.color ? "\u{1B}[\(color.rawValue)m\(text)\u{1B}[0m" : text
    }

    /// Colours a unified diff's lines (headers bold, - red, + green, @@ cyan) on a terminal.
    func paintDiff(_ diff: String) -> String {
        guard color else { return diff }
        return diff.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            if line.hasPrefix("+++") || line.hasPrefix("---") { return paint(String(line), .bold) }
            if line.hasPrefix("+") { return paint(String(line), .green) }
            if line.hasPrefix("-") { return paint(String(line), .red) }
            if line.hasPrefix("@@") { return paint(String(line), .cyan) }
            return String(line)
        }.joined(separator: "\n")
    }

    /// One writer at a time: lines from worker threads never interleave within a line.
    private final class Sink: @unchecked Sendable {
        private let lock = NSLock()
        private let write: @Sendable (String, Stream) -> Void

        init(_ write: @escaping @Sendable (String, Stream) -> Void) {
            self.write = write
        }

        func write(_ text: String, _ stream: Stream) {
            lock.withLock { write(text, stream) }
        }
    }
}
