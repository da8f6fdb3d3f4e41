import ArgumentParser
import Diagnostics
import Director
import Foundation
import GitStore

struct HookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hook",
        abstract: "Run a git hook's check (called by the hooks 'init' installs).",
        subcommands: [PreReceive.self])

    struct PreReceive: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pre-receive",
            abstract: "Validate every commit a push brings; reject the push if any is invalid.",
            discussion: """
                Reads git's pre-receive input ("old new ref" lines) on standard input. Each new
                commit's files are validated like a 'confsync commit'; an invalid one rejects the
                whole push, with the diagnostics shown to the pusher, and nothing changes but
                the audit, which records each refused commit ('confsync audit': refused).
                """)

        @OptionGroup var repository: RepositoryOptions

        func run() throws {
            let director = try repository.open()
            // A pushed commit's objects wait in a quarantine directory until the hook accepts them.
            let env = ProcessInfo.processInfo.environment
            for variable in ["GIT_QUARANTINE_PATH", "GIT_OBJECT_DIRECTORY"] {
                if let directory = env[variable], !directory.isEmpty {
                    try? director.repository.addAlternateObjectDirectory(directory)
                }
            }
            var rejected = false
            while let line = readLine() {
                let fields = line.split(separator: " ")
                guard fields.count == 3, let new = ObjectID(hex: String(fields[1])) else { continue }
                if new.hex.allSatisfy({ $0 == "0" }) { continue }  // a deletion
                let old = ObjectID(hex: String(fields[0])).flatMap { $0.hex.allSatisfy { $0 == "0" } ? nil : $0 }
                for commit in try newCommits(director.repository, old: old, new: new) {
                    let report = director.validate(try director.tree(of: commit))
                    if !report.isValid {
                        rejected = true
                        Console.report(report.diagnostics)
                        Console.error("commit \(commit.id.short) (\"\(commit.summary)\") is invalid")
                        // The audit shows the refused push as it shows a refused commit.
                        do {
                            try RefusedCommits(repository: director.path).append(
                                RefusedCommit(
                                    author: commit.author, message: commit.message, head: old,
                                    diagnostics: report.diagnostics, root: director.root))
                        } catch {
                            Console.error("the refusal could not be recorded for the audit: \(error)")
                        }
                    }
                }
            }
            if rejected {
                throw Exit.failure("push rejected: the configuration is invalid; the repository is unchanged", status: Exit.invalid)
            }
        }

        /// Commits reachable from `new` that `old` (the ref's previous target) does not have.
        private func newCommits(_ repository: Repository, old: ObjectID?, new: ObjectID) throws -> [Commit] {
            var result: [Commit] = []
            for commit in try repository.log(from: new) {
                if let old, try commit.id == old || repository.isAncestor(commit.id, of: old) { break }
                result.append(commit)
            }
            return result
        }
    }
}
