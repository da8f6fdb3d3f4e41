import ArgumentParser
import ClusterConfig
import Diagnostics
import Director
import Operations
import Posix
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
        let root = repository.rootPath
        let request = ValidateRequest(
            paths: paths.map { Paths.managed($0, root: root) }, revision: rev,
            checker: checkerName.flatMap(Self.checker(named:)), options: options)
        let result: ValidateResult
        do {
            if paths.isEmpty {
                result = try DirectorOperations(try repository.open()).validate(request)
            } else {
                // Named files need no repository (a file checked before any 'init').
                let director = try? DirectorRepository.open(repository: repository.repositoryPath, root: root)
                result = try DirectorOperations.validateFiles(request, root: root, director: director)
            }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw Exit.failure("\(error)")
        }
        for path in result.unchecked {
            Console.note("\(RootPath.live(path, root: root)): no checker applies (use --as)")
        }
        Console.report(result.diagnostics)
        if !result.isValid { throw ExitCode(Exit.invalid) }
        Console.print(
            "\(result.checked) file(s) checked: valid" + (result.diagnostics.isEmpty ? "" : " (\(result.diagnostics.summary))"))
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
