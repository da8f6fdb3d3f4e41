import Foundation
import Testing

/// What an operator reads, pinned: each message says what happened and what to do next.
@Suite(.serialized) struct OperatorMessageTests {
    @Test func initWarnsWhenThisDirectorIsInNoGroup() throws {
        let root = try TempRoot()
        defer { root.remove() }
        try root.write("/etc/csync2.cfg", try String(contentsOfFile: CLI.seedClusterFile, encoding: .utf8))
        var r = try CLI.run(["init", "--root", root.path, "--cluster-file", "/etc/csync2.cfg", "--host", "vm"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasSuffix("'confsync commit -m \"first commit\"'.\n"), "\(r.stdout)")
        #expect(r.stderr.contains("warning: host 'vm' is in no group of \(root.path)/etc/csync2.cfg (its hosts: lvs-cache1, lvs-cache2"),
                "\(r.stderr)")
        #expect(r.stderr.contains("confsync init --host NAME"), "\(r.stderr)")

        let other = try TempRoot()
        defer { other.remove() }
        try other.write("/etc/csync2.cfg", try String(contentsOfFile: CLI.seedClusterFile, encoding: .utf8))
        r = try CLI.run(["init", "--root", other.path, "--cluster-file", "/etc/csync2.cfg", "--host", "lvs-director1"])
        #expect(r.status == 0 && !r.stderr.contains("warning"), "\(r.stderr)")
    }
}

/// The manual and the completions come from the command tree: every subcommand and option is there.
struct ManualAndCompletionTests {
    @Test(arguments: ["bash", "zsh", "fish"])
    func completionScriptsKnowEverySubcommand(_ shell: String) throws {
        let r = try CLI.run(["--generate-completion-script", shell])
        #expect(r.status == 0, "\(r.stderr)")
        for word in ["deploy", "commit", "sync", "audit", "agent", "allow-weakened", "wait"] {
            #expect(r.stdout.contains(word), "\(shell) completion lacks \(word)")
        }
    }

    /// What swift-argument-parser's generate-manual plugin reads (the README's install step).
    @Test func theHelpDumpTheManualIsMadeFromParses() throws {
        let r = try CLI.run(["--experimental-dump-help"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let command = try #require(json["command"] as? [String: Any])
        let subcommands = (command["subcommands"] as? [[String: Any]] ?? []).compactMap { $0["commandName"] as? String }
        #expect(Set(["status", "commit", "deploy", "sync", "revert", "audit", "agent"]).isSubset(of: Set(subcommands)), "\(subcommands)")
        #expect(command["abstract"] as? String != nil)
    }
}
