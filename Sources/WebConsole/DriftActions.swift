import Deploy
import Director
import GitStore
import Operations
import Posix

/// The drift pages' calls into the core (blocking: call them through `blocking`).
extension ConsoleActions {
    /// Every node's drift (`nodes` empty), or the named nodes'.
    func drift(nodes: [String] = []) throws -> DriftResult {
        try DirectorOperations(try open()).drift(DriftRequest(nodes: nodes, warm: warm?.sessions))
    }

    /// What an overwrite of `node`'s drift would do: its drift now, and the commit it would
    /// be brought to.
    struct OverwritePreview: Sendable {
        var node: NodeDrift
        var head: CommitSummary?
    }

    func overwritePreview(node: String) throws -> OverwritePreview {
        let director = try open()
        guard let drift = try DirectorOperations(director).drift(DriftRequest(nodes: [node], warm: warm?.sessions)).nodes.first else {
            throw ConsoleError("no node '\(node)'")
        }
        return OverwritePreview(node: drift, head: try director.head().map(CommitSummary.init))
    }

    /// What an adopt did: the commit, and the deploy of it to the node (when the node was at
    /// the commit the adopt was made on, so that the deploy writes nothing there and its
    /// drift ends; else nil, and the next deploy brings it there).
    struct Adopted: Sendable {
        var outcome: CommitOutcome
        var settled: NodeOutcome?
    }

    /// Commits `node`'s version of `path` as `user` (refused when the node's file is no longer
    /// the blob `seenBlobID` the page showed), writes it to this director's live files, and
    /// records the node at the new commit.
    func adopt(node: String, path: ManagedPath, seenBlobID: String?, user: String) throws -> Adopted {
        let operations = DirectorOperations(try open())
        let request = AdoptRequest(
            node: node, paths: [path], author: Signature.localUser(user),
            seenBlobIDs: seenBlobID.map { [path: $0] } ?? [:], warm: warm?.sessions)
        let result = try operations.adopt(request)
        guard result.settlesNode else { return Adopted(outcome: Self.outcome(result.commit), settled: nil) }
        var options = DeployOptions(user: user)
        options.nodes = [node]
        let report = try operations.deploy(options, warm: warm?.sessions)
        // One node moved: what the service knew of the nodes is asked again at the next sync.
        warm?.deployed(report, toEveryNodeOfHead: false)
        return Adopted(outcome: Self.outcome(result.commit), settled: report.outcomes.first)
    }

    /// The last commit deployed to `node` over its drift, forced, as `user`.
    func overwrite(node: String, user: String) throws -> DeployReport {
        let report = try DirectorOperations(try open()).overwriteDrift(on: node, user: user, warm: warm?.sessions)
        warm?.deployed(report, toEveryNodeOfHead: false)
        return report
    }
}
