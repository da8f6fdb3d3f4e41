import Diagnostics
import SquidConfig
import Testing

/// The differential suite: our verdicts against the real squid's, recorded in expected.tsv.
@Suite struct CorpusTests {
    @Test func corpusIsLargeAndRecorded() {
        #expect(Corpus.expectations.count >= 150)
    }

    /// With `strict` off the checker must agree with squid on every file (but the `lenient:` ones):
    /// verdict and first error line.
    @Test(arguments: Corpus.expectations.filter { !$0.note.hasPrefix("lenient:") && !$0.note.hasPrefix("weakening:") })
    func agreesWithSquid(_ expected: Corpus.Expectation) {
        let diagnostics = Corpus.check(expected.file, strict: false)
        #expect(!diagnostics.hasErrors == expected.valid, "\(expected.file):\n\(diagnostics.rendered())")
        if !expected.valid, expected.firstErrorLine != "0" {
            #expect(Corpus.firstErrorLine(diagnostics, file: expected.file) == expected.firstErrorLine,
                    "\(expected.file):\n\(diagnostics.rendered())")
        }
    }

    /// Agreement over the whole corpus in the default (strict) mode, deliberate differences excluded.
    @Test func strictAgreementAtLeast99Percent() {
        let compared = Corpus.expectations.filter { $0.note.isEmpty }
        let agreeing = compared.filter { !Corpus.check($0.file, strict: true).hasErrors == $0.valid }
        #expect(Double(agreeing.count) >= 0.99 * Double(compared.count))
    }

    /// A file squid rejects here for want of a file the nodes may have: an error at squid's
    /// line by default, a warning (the file accepted) when weakenings are allowed.
    @Test(arguments: Corpus.expectations.filter { $0.note.hasPrefix("weakening:") })
    func hostDependentWeakening(_ expected: Corpus.Expectation) {
        #expect(!expected.valid)
        let strict = Corpus.check(expected.file, strict: true)
        #expect(Corpus.firstErrorLine(strict, file: expected.file) == expected.firstErrorLine, "\(strict.rendered())")
        #expect(strict.filter { $0.severity == .error }.allSatisfy { $0.isWeakening }, "\(strict.rendered())")
        let allowed = Corpus.check(expected.file, strict: false)
        #expect(!allowed.hasErrors && allowed.contains { $0.isWeakening }, "\(allowed.rendered())")
    }

    /// Where we are more lenient on purpose, squid rejects the file and we accept it.
    @Test(arguments: Corpus.expectations.filter { $0.note.hasPrefix("lenient:") })
    func deliberatelyLenient(_ expected: Corpus.Expectation) {
        #expect(!expected.valid)
        #expect(!Corpus.check(expected.file, strict: true).hasErrors)
    }

    /// Every deliberate strictness is an error in strict mode (and squid accepts the file).
    @Test(arguments: Corpus.expectations.filter { $0.note.hasPrefix("strict:") })
    func deliberateDifference(_ expected: Corpus.Expectation) {
        #expect(expected.valid)
        let diagnostics = Corpus.check(expected.file, strict: true)
        #expect(diagnostics.hasErrors, "\(expected.file) should be an error in strict mode")
        #expect(!Corpus.check(expected.file, strict: false).hasErrors)
    }
}
