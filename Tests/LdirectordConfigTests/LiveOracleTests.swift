import Diagnostics
import Foundation
import LdirectordConfig
import Testing

/// The corpus through the real ldirectord, now: the recording is current and the
/// checker agrees with it. Runs where ldirectord is installed (CI installs it).
@Suite struct LiveOracleTests {
    @Test(.enabled(if: LiveOracle.isAvailable))
    func checkerAgreesWithLiveLdirectord() throws {
        // logfile/monitorfile paths are tested with the caller's rights; the recording is root's
        let root = getuid() == 0
        let recorded = try Corpus.recorded.filter { expectation in
            let userDependent = try Corpus.text(of: expectation.file).contains("file=\"/")
            return Corpus.differences[expectation.file]?.kind != .environment && (root || !userDependent)
        }
        let live = try LiveOracle.verdicts(recorded.map(\.file), jobs: 4)
        for expectation in recorded {
            let verdict = try #require(live[expectation.file])
            let difference = Corpus.differences[expectation.file]
            #expect(verdict == LiveOracle.Verdict(valid: expectation.valid, line: expectation.line),
                    "\(expectation.file): expected.tsv is stale (run Corpus/generate-expected.sh)")
            let ours = try Corpus.check(expectation.file, strict: false)
            #expect(!ours.hasErrors == (difference?.lenientValid ?? verdict.valid),
                    "\(expectation.file): ldirectord says \(verdict.valid ? "valid" : "invalid")\n\(ours.rendered())")
            if let line = verdict.line, difference == nil {
                #expect(ours.firstError?.location.line == Corpus.lineDifferences[expectation.file] ?? line,
                        "\(expectation.file): ldirectord's error is on line \(line)\n\(ours.rendered())")
            }
        }
    }
}
