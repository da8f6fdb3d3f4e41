import TestSupport
import Testing

@testable import LdirectordConfig

/// The backtracking matcher, and ldirectord's real= patterns compared with perl's own
/// matching of the same Perl text.
@Suite struct PerlPatternTests {
    private func groups(_ pattern: PerlPattern, _ text: String) -> [String?]? {
        let line = LineText(number: 1, bytes: Array(text.utf8)[...])
        guard let match = pattern.firstMatch(in: line.all) else { return nil }
        return (0...pattern.groupCount).map { match.group($0)?.text }
    }

    @Test func leftmostMatchWinsOverLongerLaterOne() {
        // /\s+(\d+)(.*)/ finds the first blank-digits, not the longest number
        #expect(groups(RealServerPattern.weight, "gate 5 and 100") == [" 5 and 100", "5", " and 100"])
    }

    @Test func greedyGroupsGiveBackOnlyWhatTheRestNeeds() {
        // (.*) before "\"[, ]" runs to the last possible quote pair
        let result = groups(RealServerPattern.requestReceive, #" "/a", "b" "c", "d""#)
        #expect(result?[1] == #"/a", "b" "c"#)
        #expect(result?[2] == "d")
    }

    @Test func alternativesAreTriedInOrder() {
        // 10.0.0.1 is taken by the dotted alternative, then "->" starts the range
        let result = groups(RealServerPattern.line, "10.0.0.1->10.0.0.9:80 gate")
        #expect(result?[1] == "10.0.0.1")
        #expect(result?[3] == "10.0.0.9")
        #expect(result?[5] == "80")
        #expect(result?[6] == "gate")
    }

    @Test func optionalGroupThatDoesNotTakePartIsNil() {
        let result = groups(RealServerPattern.line, "10.0.0.2 gate")
        #expect(result?[2] == nil)
        #expect(result?[4] == nil)
    }

    @Test func noMatchWithoutBlankAfterTheAddress() {
        #expect(groups(RealServerPattern.line, "10.0.0.2:80") == nil)
    }

    /// Perl's own verdict: the same inputs through the Perl text of each pattern.
    @Test(.enabled(if: Perl.isAvailable)) func realServerPatternsMatchPerl() throws {
        let patterns: [(perl: String, swift: PerlPattern)] = [
            (#"(\d+\.\d+\.\d+\.\d+|[A-Za-z0-9.-]+|\[[0-9A-fa-f:]+\])(->(\d+\.\d+\.\d+\.\d+|[A-Za-z0-9.-]+|\[[0-9A-fa-f:]+\]))?(:(\d+|[A-Za-z0-9-_]+))?\s+(.*)"#, RealServerPattern.line),
            (#"\s+(\d+)(.*)"#, RealServerPattern.weight),
            (#"\s+\"(.*)\"[, ]\s*\"(.*)\"(.*)"#, RealServerPattern.requestReceive),
            (#"\s+l:(\d+)(.*)"#, RealServerPattern.lowerThreshold),
            (#"\s+u:(\d+)(.*)"#, RealServerPattern.upperThreshold),
        ]
        var generator = SplitMix64(seed: 4_12)
        let pieces = ["10", ".", "0", "1", "255", "a", "web", "-", "->", ":", "80", "http", "[", "]", "::",
                      " ", "  ", "\t", "gate", "masq", "5", "\"", "/", ",", "l:", "u:", "x", "_", "#"]
        let handPicked = [
            "10.0.0.2:80 gate", "10.0.0.2 gate 5", ":80 gate", "web-1->web-5:http masq 2",
            "[2001:db8::2]:80 gate", "2001:db8::2 gate", #"10.0.0.2:80 gate "/a", "b" 5"#,
            #"10.0.0.2:80 gate 5 "/a" "b" l:1 u:2"#, "10.0.0.2-10.0.0.5:80 gate", "[::1]]:80 gate",
        ]
        let inputs = handPicked + generator.strings(3000, from: pieces, maxLength: 12)
        let script = """
            my @p = (\(patterns.map { "qr/\($0.perl)/" }.joined(separator: ", ")));
            my @n = (\(patterns.map { String($0.swift.groupCount) }.joined(separator: ", ")));
            while (my $l = <STDIN>) { chomp $l; my @out;
              for my $i (0..$#p) {
                if ($l =~ $p[$i]) { push @out, join(",", map { defined $-[$_] ? "$-[$_]-$+[$_]" : "x" } 0..$n[$i]) }
                else { push @out, "no" } }
              print join(";", @out), "\\n" }
            """
        let perl = try Perl.run(script, input: inputs)
        try #require(perl.count == inputs.count)
        for (input, expected) in zip(inputs, perl) {
            let line = LineText(number: 1, bytes: Array(input.utf8)[...])
            let ours = patterns.map { pattern -> String in
                guard let match = pattern.swift.firstMatch(in: line.all) else { return "no" }
                return match.groups.map { $0.map { "\($0.lowerBound)-\($0.upperBound)" } ?? "x" }.joined(separator: ",")
            }.joined(separator: ";")
            #expect(ours == expected, "input: \(input.debugDescription)")
        }
    }
}
