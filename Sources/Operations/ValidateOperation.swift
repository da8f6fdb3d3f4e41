import ClusterConfig
import Diagnostics
import Director
import Posix
import Validation

/// `validate`: what to check. No paths and no revision: every live managed file.
public struct ValidateRequest: Sendable {
    /// Files to check (managed paths), each with the checker its name calls for, or `checker`.
    public var paths: [String]
    /// Check the files of this commit instead of the live files.
    public var revision: String?
    /// The checker for the named files, instead of the one their names call for.
    public var checker: CheckRule.Checker?
    public var options: Validator.Options

    public init(
        paths: [String] = [], revision: String? = nil, checker: CheckRule.Checker? = nil,
        options: Validator.Options = .init()
    ) {
        self.paths = paths
        self.revision = revision
        self.checker = checker
        self.options = options
    }
}

public struct ValidateResult: Sendable {
    /// Every finding, in file order.
    public var diagnostics: [Diagnostic]
    /// How many files were checked.
    public var checked: Int
    /// Named files no checker applies to (managed paths).
    public var unchecked: [String]

    public var isValid: Bool { !diagnostics.hasErrors }
}

extension DirectorOperations {
    /// The live files or a commit's, validated as a commit would be.
    public func validate(_ request: ValidateRequest) throws -> ValidateResult {
        guard request.paths.isEmpty else {
            return try Self.validateFiles(request, root: director.root, director: director)
        }
        let tree: ManagedTree
        if let revision = request.revision {
            tree = try director.tree(of: director.resolve(revision))
        } else {
            let live = try director.snapshotLive()
            if live.diagnostics.hasErrors { return ValidateResult(diagnostics: live.diagnostics, checked: 1, unchecked: []) }
            tree = live.tree
        }
        let report = director.validate(tree, options: request.options)
        return ValidateResult(diagnostics: report.diagnostics, checked: report.checkedPaths.count, unchecked: [])
    }

    /// Named files under `root`, with or without a director repository (a pre-receive hook, a
    /// file outside any cluster): without one, the cluster file is `/etc/csync2.cfg`.
    public static func validateFiles(
        _ request: ValidateRequest, root: String, director: DirectorRepository?
    ) throws -> ValidateResult {
        let clusterFile = director?.settings.clusterFile ?? "/etc/csync2.cfg"
        let cluster = try? director?.liveCluster().config
        let candidate = LiveFiles(root: root, paths: request.paths)
        let validator = Validator(root: root, clusterFile: clusterFile, options: request.options)
        var result = ValidateResult(diagnostics: [], checked: 0, unchecked: [])
        for path in request.paths {
            guard let content = candidate.content(of: path) else {
                throw DirectorError(.io, "cannot read \(RootPath.live(path, root: root))")
            }
            guard let checker = request.checker ?? CheckerChoice.checker(for: path, clusterFile: clusterFile, cluster: cluster)
            else {
                result.unchecked.append(path)
                continue
            }
            result.checked += 1
            result.diagnostics += validator.check(path, content: content, with: checker, candidate: candidate, cluster: cluster)
        }
        return result
    }
}
