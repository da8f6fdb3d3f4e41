import Foundation
import SquidConfig
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Not a test: Benchmarks/squid-checker.sh sets CONFSYNC_BENCH to a config file and
/// reads the printed timing. Skipped otherwise.
@Suite struct SquidCheckerBenchmark {
    static let file = ProcessInfo.processInfo.environment["CONFSYNC_BENCH"]

    @Test(.enabled(if: file != nil, "set CONFSYNC_BENCH=FILE to time the checker on FILE"))
    func timeChecker() throws {
        let path = try #require(Self.file)
        let lookup = FileSystemLookup()
        let text = try #require(lookup.expand(path).first?.text)
        var best = Duration.seconds(3600)
        var bestCPU = Double.infinity
        var diagnostics = 0
        for _ in 0..<5 {
            let start = ContinuousClock.now
            let cpuStart = clock()
            diagnostics = SquidChecker.check(text, path: path, files: lookup).count
            bestCPU = min(bestCPU, Double(clock() - cpuStart) * 1000 / Double(CLOCKS_PER_SEC))
            best = min(best, ContinuousClock.now - start)
        }
        let milliseconds = Double(best.components.attoseconds) / 1e15 + Double(best.components.seconds) * 1000
        print("BENCH squid-checker \(path): \(String(format: "%.2f", milliseconds)) ms wall, "
            + "\(String(format: "%.2f", bestCPU)) ms cpu (best of 5), \(diagnostics) diagnostics")
    }
}
