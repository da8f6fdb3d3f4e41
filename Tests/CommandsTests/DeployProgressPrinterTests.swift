import Deploy
import GitStore
import Synchronization
import Testing

@testable import Commands

/// How the command line shows a deploy's progress events (`DeployProgressPrinter`), from a
/// made-up sequence of events: on a terminal the live block with its exact escape
/// sequences, ending as a pipe's output; into a pipe the result lines only; with --verbose
/// a line per phase.
@Suite struct DeployProgressPrinterTests {
    /// What an `Output` was given, piece by piece.
    final class Captured: Sendable {
        private let pieces = Mutex<[(text: String, stream: Output.Stream)]>([])

        func output(live: Bool) -> Output {
            Output(color: false, live: live) { text, stream in self.pieces.withLock { $0.append((text, stream)) } }
        }

        var all: [String] { pieces.withLock { $0.map(\.text) } }

        /// The pieces written to standard error.
        var errors: [String] { pieces.withLock { $0.filter { $0.stream == .err }.map(\.text) } }
    }

    /// The terminal's lines after `pieces` (both streams on one screen): each piece's leading
    /// escape sequence takes the block's lines back off it.
    static func screen(_ pieces: [String]) -> [String] {
        var screen: [String] = []
        for piece in pieces {
            var text = Substring(piece)
            if text.hasPrefix("\u{1B}["), let a = text.firstIndex(of: "A"), let n = Int(text.dropFirst(2)[..<a]) {
                screen.removeLast(min(n, screen.count))
                text = text[text.index(after: a)...].dropFirst(3)
            }
            screen += text.split(separator: "\n").map(String.init)
        }
        return screen
    }

    /// What moves the cursor up over `n` lines of the block and clears from there down.
    static func up(_ n: Int) -> String { "\u{1B}[\(n)A\u{1B}[J" }

    static func commit(_ digit: Character) throws -> ObjectID {
        let id: ObjectID? = ObjectID(hex: String(repeating: digit, count: 40))
        return try #require(id)
    }

    static func outcome(_ node: String, _ status: NodeOutcome.Status) throws -> NodeOutcome {
        var outcome = NodeOutcome(
            node: node, address: "127.0.0.1:1", status: status, fromCommit: try commit("a"), toCommit: try commit("b"))
        outcome.durationMillis = 12
        return outcome
    }

    /// node1 goes through every phase; node2 needs nothing; node3 is down.
    static func events() throws -> [DeployProgress] {
        [
            .connecting(node: "node1"), .connecting(node: "node2"), .connecting(node: "node3"),
            .planning(node: "node1"), .planning(node: "node2"),
            .finished(try outcome("node3", .unreachable)),
            .sending(try outcome("node1", .planned)),
            .finished(try outcome("node2", .upToDate)),
            .finished(try outcome("node1", .deployed)),
        ]
    }

    /// What the printer writes for `events()`, piece by piece, and the mode it chose.
    static func rendered(live: Bool, verbose: Bool) throws -> (mode: DeployProgressPrinter.Mode, pieces: [String]) {
        let captured = Captured()
        let printer = DeployProgressPrinter(output: captured.output(live: live), verbose: verbose)
        for event in try events() { printer.show(event) }
        printer.end()
        return (printer.mode, captured.all)
    }

    static let results = [
        "  node3: unreachable\n",
        "  node2: up-to-date (already at bbbbbbb)\n",
        "  node1: deployed, 0 file(s) (12 ms)\n",
    ]

    @Test func onATerminalEachNodesPhaseIsRedrawnInPlaceAndTheEndIsAPipesOutput() throws {
        let (mode, pieces) = try Self.rendered(live: true, verbose: false)
        #expect(mode == .live)
        let up = Self.up(_:)
        #expect(
            pieces == [
                "  node1: connecting\n",
                up(1) + "  node1: connecting\n  node2: connecting\n",
                up(2) + "  node1: connecting\n  node2: connecting\n  node3: connecting\n",
                up(3) + "  node1: planning\n  node2: connecting\n  node3: connecting\n",
                up(3) + "  node1: planning\n  node2: planning\n  node3: connecting\n",
                up(3) + Self.results[0] + "  node1: planning\n  node2: planning\n",
                up(2) + "  node1: sending\n  node2: planning\n",
                up(2) + Self.results[1] + "  node1: sending\n",
                up(1) + Self.results[2],
            ])

        // The screen at the end: each escape sequence takes the block's lines back off it.
        #expect(Self.screen(pieces).map { $0 + "\n" } == Self.results)
    }

    @Test func aLineWrittenWhileTheBlockIsDrawnGoesAboveItAndTheBlockStaysWhole() throws {
        let captured = Captured()
        let printer = DeployProgressPrinter(output: captured.output(live: true), verbose: false)
        printer.show(.connecting(node: "node1"))
        printer.show(.connecting(node: "node2"))
        printer.output.note("warning: node2 is slow")
        printer.show(.planning(node: "node1"))
        let block = "  node1: connecting\n  node2: connecting\n"
        #expect(
            Array(captured.all.suffix(4)) == [
                Self.up(2), "confsync: warning: node2 is slow\n", block, Self.up(2) + "  node1: planning\n  node2: connecting\n",
            ])
        #expect(captured.errors == ["confsync: warning: node2 is slow\n"], "standard error still gets it, and only it")
        // Written straight below the block, the warning would be taken off by the next
        // redraw, and node1's first line left behind.
        #expect(Self.screen(captured.all) == ["confsync: warning: node2 is slow", "  node1: planning", "  node2: connecting"])

        printer.show(.finished(try Self.outcome("node2", .upToDate)))
        printer.output.error("node1: the connection dropped")
        printer.show(.finished(try Self.outcome("node1", .deployed)))
        printer.end()
        printer.output.note("after the block")
        #expect(
            Self.screen(captured.all) == [
                "confsync: warning: node2 is slow", "  node2: up-to-date (already at bbbbbbb)",
                "confsync: error: node1: the connection dropped", "  node1: deployed, 0 file(s) (12 ms)",
                "confsync: after the block",
            ])
        #expect(captured.all.last == "confsync: after the block\n", "nothing around a line once the block is gone")
    }

    @Test func withoutATerminalTheLinesPassStraightThrough() throws {
        let captured = Captured()
        let printer = DeployProgressPrinter(output: captured.output(live: false), verbose: true)
        printer.show(.connecting(node: "node1"))
        printer.output.note("warning: node1 is slow")
        printer.output.print("a line")
        #expect(captured.all == ["  node1: connecting\n", "confsync: warning: node1 is slow\n", "a line\n"])
        #expect(captured.errors == ["confsync: warning: node1 is slow\n"])
    }

    @Test func aDeployThatStopsEarlyTakesItsBlockOffTheScreen() throws {
        let captured = Captured()
        let printer = DeployProgressPrinter(output: captured.output(live: true), verbose: false)
        printer.show(.connecting(node: "node1"))
        printer.show(.connecting(node: "node2"))
        printer.end()
        printer.end()
        #expect(captured.all.suffix(1) == ["\u{1B}[2A\u{1B}[J"])
        #expect(captured.all.count == 3)
    }

    @Test func intoAPipeOnlyTheResultLinesAsBefore() throws {
        let (mode, pieces) = try Self.rendered(live: false, verbose: false)
        #expect(mode == .results)
        #expect(pieces == Self.results)
        #expect(!pieces.joined().contains("\u{1B}"))
    }

    @Test func withVerboseALinePerPhaseBeforeEachResult() throws {
        let (mode, pieces) = try Self.rendered(live: false, verbose: true)
        #expect(mode == .phases)
        #expect(
            pieces == [
                "  node1: connecting\n", "  node2: connecting\n", "  node3: connecting\n",
                "  node1: planning\n", "  node2: planning\n", Self.results[0],
                "  node1: sending\n", Self.results[1], Self.results[2],
            ])
        // On a terminal the live block, whatever --verbose says.
        #expect(try Self.rendered(live: true, verbose: true).mode == .live)
    }
}
