import ArgumentParser
import ClusterConfig
import Diagnostics
import Director
import Validation

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check configuration files without committing: live files, named files, or any commit.",
        discussion: """
            Runs the same checks as commit: the cluster file, squid.conf (and what it includes),
            ldirectord.cf, and the cluster file's 'check' rules.

              confsync validate                               every live managed file
              confsync validate /etc/squid3/squid.conf        one file (checker chosen by name)
              confsync validate --as squid ./new-squid.conf   a file with another name
              confsync validate --rev HEAD~2                  the files of a commit

            Exit 0 when valid, 2 when any error was found.
            """)

    @OptionGroup var repository: RepositoryOptions

    @Argument(help: ArgumentHelp("Files to check (default: every live managed file).", valueName: "path"))
    var paths: [String] = []

    @Option(help: ArgumentHelp("Check the files of this commit instead of the live files.", valueName: "rev"))
    var rev: String?

    @Option(name: .customLong("as"), help: ArgumentHelp(
        "Checker for the named files: squid, ldirectord or cluster.", valueName: "checker"))
    var checkerName: String?

    @Flag(help: "Resolve hostnames while checking (off by default: no DNS lookups).")
    var resolveHostnames = false

    @OptionGroup var weakened: WeakenedOption

    func validate() throws {
        if rev != nil && !paths.isEmpty { throw ValidationError("give either files or --rev, not both") }
        if let checkerName, Self.checker(named: checkerName) == nil {
            throw ValidationError("--as takes squid, ldirectord or cluster, not '\(checkerName)'")
        }
    }

    func run() throws {
        var options = Validator.Options()
        options.resolveHostnames = resolveHostnames
        options.allowWeakened = weakened.allowWeakened
        let diagnostics: [Diagnostic]
        let checked: Int
        do {
            if paths.isEmpty {
                let director = try repository.open()
                let tree: ManagedTree
                if let rev {
                    tree = try director.tree(of: director.resolve(rev))
                } else {
                    let live = try director.snapshotLive()
                    if live.diagnostics.hasErrors { return try finish(live.diagnostics, checked: 1) }
                    tree = live.tree
                }
                let report = director.validate(tree, options: options)
                (diagnostics, checked) = (report.diagnostics, report.checkedPaths.count)
            } else {
                (diagnostics, checked) = try validateNamedFiles(options: options)
            }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw Exit.failure("\(error)")
        }
        try finish(diagnostics, checked: checked)
    }

    private func finish(_ diagnostics: [Diagnostic], checked: Int) throws {
        Console.report(diagnostics)
        if diagnostics.hasErrors { throw ExitCode(Exit.invalid) }
        Console.print("\(checked) file(s) checked: valid" + (diagnostics.isEmpty ? "" : " (\(diagnostics.summary))"))
    }

    private func validateNamedFiles(options: Validator.Options) throws -> ([Diagnostic], Int) {
        let root = repository.rootPath
        let director = try? DirectorRepository.open(repository: repository.repositoryPath, root: root)
        let clusterFile = director?.settings.clusterFile ?? "/etc/csync2.cfg"
        let cluster = try? director?.liveCluster().config
        let managed = paths.map { Paths.managed($0, root: root) }
        let candidate = LiveFiles(root: root, paths: managed)
        let validator = Validator(root: root, clusterFile: clusterFile, options: options)
        var diagnostics: [Diagnostic] = []
        var checked = 0
        for path in managed {
            guard let content = candidate.content(of: path) else {
                throw Exit.failure("cannot read \(RootPath.display(path, root: root))")
            }
            let checker = checkerName.flatMap(Self.checker(named:))
                ?? CheckerChoice.checker(for: path, clusterFile: clusterFile, cluster: cluster)
            guard let checker else {
                Console.note("\(RootPath.display(path, root: root)): no checker applies (use --as)")
                continue
            }
            checked += 1
            diagnostics += validator.check(path, content: content, with: checker, candidate: candidate, cluster: cluster)
        }
        return (diagnostics, checked)
    }

    static func checker(named name: String) -> CheckRule.Checker? {
        switch name {
        case "squid": .squid
        case "ldirectord": .ldirectord
        case "cluster", "csync2": .cluster
        default: nil
        }
    }
}
