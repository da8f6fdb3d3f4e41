import Deploy

/// A deploy's nodes on a terminal while it runs: one line per node on its way with its
/// phase (`  node1: connecting`), redrawn in place as the events come. A node that is done
/// leaves the block for good, as the line the command prints without a terminal
/// (`DeployPrinter.progressLine`), above the nodes still on their way; so once every node
/// is done the block is empty and the screen holds exactly what a pipe gets.
struct LiveDeployBlock {
    /// Moves the cursor up `lines` lines (to the start of the block) and clears the screen
    /// from there down, ready for the block to be written again.
    static func erase(_ lines: Int) -> String { lines == 0 ? "" : "\u{1B}[\(lines)A\u{1B}[J" }

    /// A node on its way, as the block shows it.
    static func phaseLine(_ node: String, _ phase: String, output: Output) -> String {
        "  \(node): \(output.paint(phase, .yellow))"
    }

    private let output: Output
    /// The nodes on their way, in the order they were first told, with their phases.
    private var nodes: [(name: String, phase: String)] = []
    /// How many lines of the block are on the screen, just above the cursor.
    private var drawn = 0

    init(output: Output) {
        self.output = output
    }

    /// The text that shows `event`: the block erased, a done node's lines, the block again.
    mutating func update(_ event: DeployProgress) -> String {
        var done = ""
        if let outcome = event.finished {
            nodes.removeAll { $0.name == outcome.node }
            done = DeployPrinter.progressLine(outcome, output: output) + "\n"
        } else if let index = nodes.firstIndex(where: { $0.name == event.node }) {
            nodes[index].phase = event.phase
        } else {
            nodes.append((event.node, event.phase))
        }
        return redraw(after: done)
    }

    /// The text that takes the block off the screen (a deploy that stopped before every node
    /// was done); empty when nothing is drawn.
    mutating func clear() -> String {
        nodes.removeAll()
        return redraw(after: "")
    }

    /// The text around a piece that is not the block's own (a warning, an error line, to
    /// either stream): `before` takes the block off the screen, `after` draws it again below
    /// the piece, so that the block's next redraw moves up over its own lines only.
    func around() -> (before: String, after: String) {
        (Self.erase(drawn), lines())
    }

    private mutating func redraw(after done: String) -> String {
        let text = Self.erase(drawn) + done + lines()
        drawn = nodes.count
        return text
    }

    /// The block's lines, as they are drawn.
    private func lines() -> String {
        nodes.map { Self.phaseLine($0.name, $0.phase, output: output) + "\n" }.joined()
    }
}
