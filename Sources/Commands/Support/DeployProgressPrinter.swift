import Deploy
import Synchronization

/// How the command line shows a deploy's progress (`DeployProgress`, from the deploy's
/// worker threads), as `Output` says its reader reads: on a terminal (`Output.live`) the
/// live per-node block (`LiveDeployBlock`); elsewhere a line per node as it is done, and
/// with `--verbose` a line per phase before it (`  node1: connecting`), each node's in order.
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
    private let output: Output
    /// The live block, and the writing of it: one event's redrawing at a time, in order.
    private let block: Mutex<LiveDeployBlock>

    init(output: Output, verbose: Bool) {
        self.output = output
        mode = output.live ? .live : verbose ? .phases : .results
        block = Mutex(LiveDeployBlock(output: output))
    }

    func show(_ event: DeployProgress) {
        switch mode {
        case .results:
            if let done = event.finished { output.print(DeployPrinter.progressLine(done, output: output)) }
        case .phases:
            if let done = event.finished {
                output.print(DeployPrinter.progressLine(done, output: output))
            } else {
                output.print(LiveDeployBlock.phaseLine(event.node, event.phase, output: output))
            }
        case .live:
            block.withLock { output.write($0.update(event)) }
        }
    }

    /// After the deploy (also one that stopped early): takes what is left of the live block
    /// off the screen.
    func end() {
        guard mode == .live else { return }
        block.withLock { output.write($0.clear()) }
    }
}
