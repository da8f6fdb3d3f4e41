import Deploy
import Synchronization

/// How the command line shows a deploy's progress (`DeployProgress`, from the deploy's
/// worker threads), as `Output` says its reader reads: on a terminal (`Output.live`) the
/// live per-node block (`LiveDeployBlock`); elsewhere a line per node as it is done, and
/// with `--verbose` a line per phase before it (`  node1: connecting`), each node's in order.
/// Whatever else the command writes while the deploy runs goes through `output`, so that on a
/// terminal it lands above the live block rather than inside it.
final class DeployProgressPrinter: Sendable {
    enum Mode: Sendable {
        /// A line per node as it is done (what a pipe gets without --verbose).
        case results
        /// A line per node and phase, then its result line.
        case phases
        /// The live block, redrawn in place.
        case live
    }

    let mode: Mode
    /// The command's own output (the terminal's, or the service's caller's).
    private let base: Output
    /// The live block, and the writing of it: one event's redrawing at a time, in order.
    private let block: Mutex<LiveDeployBlock>

    init(output: Output, verbose: Bool) {
        base = output
        mode = output.live ? .live : verbose ? .phases : .results
        block = Mutex(LiveDeployBlock(output: output))
    }

    /// The command's output while the deploy runs. In the live mode, a piece written to it
    /// (to either stream: a warning, an error, a log line) while the block is on the screen
    /// is written above the block, which is drawn again below it: written straight to the
    /// terminal, it would sit among the block's lines, and the next redraw, moving up over
    /// as many lines as the block has, would leave a line of the block behind and take the
    /// piece away. Otherwise, and once the block is off the screen, as the command's output.
    var output: Output {
        Output(base.terminal) { [self] text, stream in passOn(text, to: stream) }
    }

    func show(_ event: DeployProgress) {
        switch mode {
        case .results:
            if let done = event.finished { base.print(DeployPrinter.progressLine(done, output: base)) }
        case .phases:
            if let done = event.finished {
                base.print(DeployPrinter.progressLine(done, output: base))
            } else {
                base.print(LiveDeployBlock.phaseLine(event.node, event.phase, output: base))
            }
        case .live:
            block.withLock { base.write($0.update(event)) }
        }
    }

    private func passOn(_ text: String, to stream: Output.Stream) {
        guard mode == .live else { return base.write(text, to: stream) }
        block.withLock { block in
            let (before, after) = block.around()
            base.write(before)
            base.write(text, to: stream)
            base.write(after)
        }
    }

    /// After the deploy (also one that stopped early): takes what is left of the live block
    /// off the screen.
    func end() {
        guard mode == .live else { return }
        block.withLock { base.write($0.clear()) }
    }
}
