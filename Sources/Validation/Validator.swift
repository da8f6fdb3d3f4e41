import ClusterConfig
import Diagnostics
import LdirectordConfig
import Posix
import SquidConfig

/// Validates candidate files with the checker each path calls for. Used by `commit`,
/// `revert`, `rollback`, `validate` and the pre-receive hook, so all of them agree.
public struct Validator: Sendable {
    public struct Options: Sendable {
        /// Resolve hostnames in squid/ldirectord files (off: no DNS at commit time).
        public var resolveHostnames = false
        /// Weakening findings are warnings in every file (`--allow-weakened`), not only in
        /// those the cluster file's `allow-weakened` patterns name.
        public var allowWeakened = false
        public init() {}
    }

    /// The live root: display paths and live fallbacks for includes are under it.
    public let root: String
    /// The cluster file's absolute path inside the root ("/etc/csync2.cfg").
    public let clusterFile: String
    public let options: Options

    public init(root: String, clusterFile: String, options: Options = .init()) {
        self.root = root
        self.clusterFile = clusterFile
        self.options = options
    }

    /// The outcome: the cluster configuration (parsed from the candidate's cluster file,
    /// nil if the candidate has none) and every diagnostic.
    public struct Report: Sendable {
        public var cluster: ClusterConfig?
        public var diagnostics: [Diagnostic]
        public var checkedPaths: [String]
        public var isValid: Bool { !diagnostics.hasErrors }
    }

    /// Parses the candidate's cluster file, then checks every candidate path that has a checker.
    public func validate(_ candidate: any CandidateFiles) -> Report {
        var diagnostics: [Diagnostic] = []
        var cluster: ClusterConfig?
        if let bytes = candidate.content(of: clusterFile) {
            let parsed = parseCluster(String(decoding: bytes, as: UTF8.self), candidate: candidate)
            cluster = parsed.config
            diagnostics += parsed.diagnostics
        }
        var checked: [String] = []
        let choices = candidate.paths.compactMap { path in
            path == clusterFile
                ? nil : CheckerChoice.checker(for: path, clusterFile: clusterFile, cluster: cluster).map { (path, $0) }
        }
        for (path, checker) in choices.sorted(by: { $0.0 < $1.0 }) {
            guard let content = candidate.content(of: path) else { continue }
            checked.append(path)
            diagnostics += check(path, content: content, with: checker, candidate: candidate, cluster: cluster)
        }
        if candidate.content(of: clusterFile) != nil { checked.insert(clusterFile, at: 0) }
        return Report(cluster: cluster, diagnostics: diagnostics, checkedPaths: checked)
    }

    /// Checks one file with one checker; `cluster` (the candidate's) says whether its
    /// weakening findings are allowed.
    public func check(
        _ path: String, content: [UInt8], with checker: CheckRule.Checker, candidate: any CandidateFiles,
        cluster: ClusterConfig? = nil
    ) -> [Diagnostic] {
        let display = RootPath.live(path, root: root)
        let text = String(decoding: content, as: UTF8.self)
        let strict = !(options.allowWeakened || cluster?.allowsWeakened(path) == true)
        switch checker {
        case .squid:
            var squidOptions = SquidCheckOptions()
            squidOptions.resolveHostnames = options.resolveHostnames
            squidOptions.strict = strict
            return SquidChecker.check(
                text, path: display, files: CandidateLookup(candidate: candidate, root: root), options: squidOptions)
        case .ldirectord:
            var ldOptions = LdirectordCheckOptions()
            ldOptions.resolveHostnames = options.resolveHostnames
            ldOptions.strict = strict
            let lookup = CandidateLookup(candidate: candidate, root: root)
            ldOptions.directoryExists = { lookup.directoryExists($0) }
            return LdirectordChecker.check(text, path: display, options: ldOptions)
        case .cluster:
            return parseCluster(text, candidate: candidate, displayPath: display).diagnostics
        case .exec(let command):
            return ExternalChecker(command: command).check(content: content, displayPath: display)
        case .none:
            return []
        }
    }

    private func parseCluster(
        _ text: String, candidate: any CandidateFiles, displayPath: String? = nil
    ) -> (config: ClusterConfig, diagnostics: [Diagnostic]) {
        let lookup = CandidateLookup(candidate: candidate, root: root)
        return ClusterConfig.parse(text, path: displayPath ?? RootPath.live(clusterFile, root: root)) { included in
            let absolute = included.hasPrefix("/") ? included : "/" + included
            return lookup.expand(absolute).first?.text
        }
    }
}
