import Diagnostics
import SquidConfig
import Testing

/// Tests that ask the real squid 5.7 (skipped where it is not installed; CI installs it).
@Suite(.enabled(if: Oracle.availableAsRoot, "needs /usr/sbin/squid (apt-get install squid), run as root"))
struct OracleTests {
    /// Re-asks squid about every corpus file, 4 at a time, so a stale expected.tsv is caught.
    @Test func expectedVerdictsAreCurrent() async throws {
        let expectations = Corpus.expectations
        let verdicts = try await withThrowingTaskGroup(of: (String, Bool).self) { group in
            var results: [String: Bool] = [:]
            var next = 0
            func launch(_ group: inout ThrowingTaskGroup<(String, Bool), Error>) {
                guard next < expectations.count else { return }
                let file = expectations[next].file
                next += 1
                group.addTask { (file, try Oracle.isValid(file, in: Corpus.directory)) }
            }
            for _ in 0..<4 { launch(&group) }
            while let (file, valid) = try await group.next() {
                results[file] = valid
                launch(&group)
            }
            return results
        }
        for expected in expectations {
            let now = verdicts[expected.file] == true ? "valid" : "invalid"
            #expect(verdicts[expected.file] == expected.valid,
                    "\(expected.file): squid now says \(now); rerun Benchmarks/squid-corpus-expected.sh")
        }
    }
}

/// The documented example config that ships with squid must check clean.
@Suite struct DocumentedConfigTests {
    @Test(.enabled(if: Oracle.available, "needs squid-common's squid.conf.documented"))
    func squidConfDocumentedIsValid() throws {
        let text = try #require(try Oracle.documentedConfig())
        let diagnostics = SquidChecker.check(text, path: "squid.conf.documented", files: FileSystemLookup())
        #expect(!diagnostics.hasErrors, "\(diagnostics.rendered())")
    }

    /// Every "TAG: name" the installed squid documents is in the generated directive table.
    @Test(.enabled(if: Oracle.available, "needs squid-common's squid.conf.documented"))
    func everyDocumentedDirectiveIsKnown() throws {
        let text = try #require(try Oracle.documentedConfig())
        let names = text.split(separator: "\n").filter { $0.hasPrefix("#  TAG: ") }
            .compactMap { $0.split(separator: " ").dropFirst(2).first.map(String.init) }
        #expect(names.count > 350)
        for name in names {
            let diagnostics = SquidChecker.check(name + "\n", path: "tag.conf", files: MemoryLookup())
            #expect(!diagnostics.contains { $0.message.hasPrefix("unrecognized directive") }, "\(name)")
        }
    }
}
