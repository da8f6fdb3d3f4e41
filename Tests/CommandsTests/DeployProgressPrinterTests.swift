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
        private let pieces = Mutex<[String]>([])

        func output(live: Bool) -> Output {
            Output(color: false, live: live) { text, _ in self.pieces.withLock { $0.append(text) } }
        }

        var all: [String] { pieces.withLock { $0 } }
    }

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
        let up = { (n: Int) in "\u{1B}[\(n)A\u{1B}[J" }
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
        var screen: [String] = []
        for piece in pieces {
            var text = Substring(piece)
            if text.hasPrefix("\u{1B}["), let a = text.firstIndex(of: "A"), let n = Int(text.dropFirst(2)[..<a]) {
                screen.removeLast(n)
                text = text[text.index(after: a)...].dropFirst(3)
            }
            screen += text.split(separator: "\n").map(String.init)
        }
        #expect(screen.map { $0 + "\n" } == Self.results)
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
