import Diagnostics
import Foundation
import LdirectordConfig
import Testing

/// The checker against the real ldirectord's recorded verdicts (expected.tsv).
@Suite struct CorpusTests {
    @Test func corpusIsLargeAndEveryFileHasAVerdict() throws {
        let expectations = try Corpus.expectations()
        let files = try FileManager.default.contentsOfDirectory(atPath: Corpus.directory.path)
            .filter { $0.hasSuffix(".cf") }
        #expect(expectations.count >= 100)
        #expect(Set(files) == Set(expectations.map(\.file)), "expected.tsv is stale: run Corpus/generate-expected.sh")
    }

    /// Verdicts agree on at least 99% of the files whose difference is not documented,
    /// in both modes; with `strict` off the checker gives ldirectord's own verdict.
    @Test(arguments: [true, false])
    func verdictsAgree(strict: Bool) throws {
        let expectations = try Corpus.expectations().filter { Corpus.differences[$0.file] == nil }
        var disagreements: [String] = []
        for expectation in expectations {
            let valid = !(try Corpus.check(expectation.file, strict: strict)).hasErrors
            if valid != expectation.valid {
                disagreements.append("\(expectation.file): oracle \(expectation.valid ? "valid" : "invalid"), checker \(valid ? "valid" : "invalid")")
            }
        }
        let agreement = Double(expectations.count - disagreements.count) / Double(expectations.count)
        #expect(agreement >= 0.99, "\(disagreements.joined(separator: "\n"))")
    }

    /// The checker's first error (in ldirectord's order) is on the oracle's line.
    @Test(arguments: Corpus.recorded.filter { !$0.valid && Corpus.differences[$0.file] == nil })
    func firstErrorLineMatchesOracle(_ expectation: Corpus.Expectation) throws {
        let diagnostics = try Corpus.check(expectation.file, strict: false)
        let first = try #require(diagnostics.firstError, "no error; oracle: \(expectation.message)")
        let line = Corpus.lineDifferences[expectation.file] ?? expectation.line
        #expect(first.location.line == line, "oracle: \(expectation.message)\nchecker: \(first)")
    }

    /// Every documented difference still behaves as documented.
    @Test(arguments: Corpus.differences.keys.sorted())
    func documentedDifference(_ file: String) throws {
        let difference = try #require(Corpus.differences[file])
        let expectation = try #require(try Corpus.expectations().first { $0.file == file })
        #expect(!(try Corpus.check(file, strict: true)).hasErrors == difference.strictValid)
        #expect(!(try Corpus.check(file, strict: false)).hasErrors == difference.lenientValid)
        // a difference that no longer differs from the oracle should leave the table
        #expect(difference.strictValid != expectation.valid || difference.lenientValid != expectation.valid)
    }

    /// Files the strict checker flags although ldirectord accepts them are warnings only
    /// without `strict`: the difference is exactly the strict findings.
    @Test(arguments: Corpus.differences.filter { $0.value.kind == .stricter }.keys.sorted())
    func strictFindingsBecomeWarnings(_ file: String) throws {
        let strict = try Corpus.check(file, strict: true)
        let lenient = try Corpus.check(file, strict: false)
        #expect(strict.count == lenient.count)
        #expect(strict.map(\.location) == lenient.map(\.location))
        #expect(lenient.allSatisfy { $0.severity != .error })
    }
}
