import TestSupport
import Testing

@testable import SquidConfig

/// The fast regex check must never accept what glibc's regcomp rejects.
@Suite struct RegexSyntaxTests {
    static let samples: [String] = [
        "^/app1/.*\\.(jpg|png)$", "^http://site\\.", "(foo", "foo)", "a**", "*a", "a|*b", "[z-a]", "[a-z]+",
        "[]", "[^]", "()", "a||b", "|a", "a|", "x{2}", "\\(", "\\d", "[[:alpha:]]", "a+?", "^$", "[0-9]{1,3}",
        "(a|b)*c", "[-a]", "[a-]", "\\", "(a)(b)\\2", "((a)", "[a", "a]", ".*", "(?:a)", "\\.[a-zA-Z0-9]+$",
    ]

    @Test(arguments: samples)
    func fastCheckIsSound(_ pattern: String) {
        if RegexSyntax.isCertainlyValid(pattern) {
            #expect(Regex.regcompError(pattern, ignoreCase: false) == nil, "fast check accepted '\(pattern)'")
        }
    }

    /// Random patterns over a small alphabet: the fast check stays sound and covers common ones.
    @Test func randomPatternsAgreeWithRegcomp() {
        let alphabet = Array("ab.^$*+?|()[]-\\{}1")
        var generator = SplitMix64(seed: 42)
        var accepted = 0
        for _ in 0..<5000 {
            let length = Int(generator.next() % 8) + 1
            let pattern = String((0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
            guard RegexSyntax.isCertainlyValid(pattern) else { continue }
            accepted += 1
            #expect(Regex.regcompError(pattern, ignoreCase: false) == nil, "fast check accepted '\(pattern)'")
        }
        #expect(accepted > 100)
    }
}
