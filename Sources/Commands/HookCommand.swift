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
            var number = 0
            while let line = readLine() {
                number += 1
                let (old, new) = try Self.update(line, number: number)
                guard let new else { continue }  // a deletion
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

        /// The ids of one line of git's input ("old new ref"), parsed here, once; nil for git's
        /// zero id ("none": a reference created, or deleted). Git writes nothing else: a line
        /// that is not that fails the hook, which rejects the push.
        static func update(_ line: String, number: Int) throws -> (old: ObjectID?, new: ObjectID?) {
            let fields = line.split(separator: " ", omittingEmptySubsequences: false)
            let place = "git's pre-receive input, line \(number)"
            guard fields.count == 3 else {
                throw Exit.failure("\(place): '\(line)' is not 'old-id new-id ref'; the push is rejected")
            }
            let old = try ObjectID(parsing: String(fields[0]), "the old id of \(fields[2]) in \(place)")
            let new = try ObjectID(parsing: String(fields[1]), "the new id of \(fields[2]) in \(place)")
            return (old.isZero ? nil : old, new.isZero ? nil : new)
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
