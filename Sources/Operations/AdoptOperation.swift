import Deploy
import Director
import GitStore
import Posix

/// `adopt`: a node's drifted files, to commit instead of throwing them away.
public struct AdoptRequest: Sendable {
    public var node: String
    /// Managed paths that drifted on `node`.
    public var paths: [ManagedPath]
    public var author: Signature
    /// Per path, the live blob id the person adopting saw (the console's drift page): the
    /// adopt is refused when the node's file changed since. Paths not named are not checked.
    public var seenBlobIDs: [ManagedPath: String]
    /// Kept node connections (the service's) to fetch the node's files on, where it has one.
    public var warm: WarmSessions?

    public init(
        node: String, paths: [ManagedPath], author: Signature, seenBlobIDs: [ManagedPath: String] = [:],
        warm: WarmSessions? = nil
    ) {
        self.node = node
        self.paths = paths
        self.author = author
        self.seenBlobIDs = seenBlobIDs
        self.warm = warm
    }
}

public struct AdoptResult: Sendable {
    /// The commit (validated like any commit), nothing to commit, or invalid.
    public var commit: CommitResult
    /// The director's live files written to the new head (nil: not applied, the commit was refused).
    public var applied: [FileChange]?
    /// The commit the node was at when its files were fetched: when it is the new commit's
    /// parent, deploying the new commit to the node writes nothing there and ends its drift.
    public var nodeCommit: String?

    /// The new commit, when one was made on top of the commit the node is at.
    public var settlesNode: Bool {
        guard case .committed(let commit, _) = commit.outcome, let nodeCommit else { return false }
        return commit.parents.first?.hex == nodeCommit
    }
}

/// Why an adopt did not start, or did not finish.
public struct AdoptError: Error, CustomStringConvertible, Sendable {
    public enum Code: Sendable {
        /// The node could not be asked for its files.
        case unreachable
        /// A named file has not drifted there (nothing to adopt).
        case notDrifted
        /// A named file is missing or not a regular file there: there is no content to adopt.
        case noContent
        /// The node's file is not the one the person adopting saw.
        case changedSince
        /// This director's live copy of a named file has uncommitted edits.
        case uncommittedEdits
        /// The commit was made but this director's live files could not be written.
        case liveFilesNotWritten
    }

    public var code: Code
    public var message: String
    public var description: String { message }

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }
}

extension DirectorOperations {
    /// Fetches the named files' live content (and owner, group, mode) from the node, commits
    /// them (validated, with the node named in the message), then writes the new head to this
    /// director's live files, so that the next commit keeps them and a deploy brings the other
    /// nodes to them.
    public func adopt(_ request: AdoptRequest) throws -> AdoptResult {
        let drift = try self.drift(DriftRequest(nodes: [request.node], warm: request.warm))
        guard let node = drift.nodes.first else { throw AdoptError(.unreachable, "no node '\(request.node)'") }
        if let problem = node.problem { throw AdoptError(.unreachable, "\(request.node) is unreachable: \(problem)") }
        var files: [DirectorRepository.AdoptedFile] = []
        for path in request.paths {
            guard let item = node.files.first(where: { $0.path == path }) else {
                throw AdoptError(.notDrifted, "\(path) has not drifted on \(request.node)")
            }
            guard let content = item.content else {
                throw AdoptError(
                    .noContent, "\(path) is \(item.kind) on \(request.node): there is no content to adopt")
            }
            if let seen = request.seenBlobIDs[path], seen != item.liveBlobID {
                throw AdoptError(
                    .changedSince,
                    "\(path) changed on \(request.node) since it was shown (blob \(seen.prefix(7)), now "
                        + "\(item.liveBlobID?.prefix(7) ?? "none")): look at its drift again")
            }
            let live = item.live ?? item.deployed
            // The node's path is checked before it goes into a commit (the request's matched it).
            files.append(
                .init(
                    path: try ManagedPath(managed: item.path.managed), content: content,
                    attributes: FileAttributes(mode: item.isLink ? 0o777 : live.mode, owner: live.owner, group: live.group),
                    isLink: item.isLink))
        }
        let dirty = Set(try director.status().changes.map(\.path)).intersection(request.paths)
        if !dirty.isEmpty {
            throw AdoptError(
                .uncommittedEdits,
                "uncommitted edits on this director to \(dirty.sorted().map(\.managed).joined(separator: ", ")); commit them first")
        }
        let (result, before) = try director.adopt(files, from: request.node, author: request.author)
        if case .invalid = result.outcome { return AdoptResult(commit: result, applied: nil, nodeCommit: node.commit) }
        guard let head = try director.head() else { return AdoptResult(commit: result, applied: nil, nodeCommit: node.commit) }
        do {
            let written = try director.applyToLive(try director.tree(of: head), previous: before, force: false)
            director.markLiveFiles(at: head.id)
            return AdoptResult(commit: result, applied: written, nodeCommit: node.commit)
        } catch {
            throw AdoptError(
                .liveFilesNotWritten, "adopted as \(head.id.short), but this director's live files were not written: \(error)")
        }
    }
}
