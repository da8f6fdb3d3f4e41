import Director
import Foundation
import GitStore
import Wire

/// Where deploys are recorded in the director's repository, so they travel with it:
/// - `refs/notes/confsync/deploys`: on each target commit, one JSON line per node and deploy;
/// - `refs/confsync/nodes/NODE`: the commit each node is at, as last seen;
/// - `refs/confsync/drift/NODE`: commits holding drifted content saved before a forced deploy.
public struct DeployLedger {
    public static let notesRef = "refs/notes/confsync/deploys"
    public static let nodeRefPrefix = "refs/confsync/nodes/"
    public static func nodeRef(_ node: String) -> String { nodeRefPrefix + node }
    public static func driftRef(_ node: String) -> String { "refs/confsync/drift/\(node)" }

    let director: DirectorRepository

    public init(_ director: DirectorRepository) {
        self.director = director
    }

    /// Every record, oldest first.
    public func records() throws -> [DeployRecord] {
        try director.repository.notes(ref: Self.notesRef)
            .flatMap { DeployRecord.parseLines($0.text) }
            .sorted { ($0.at, $0.deployID, $0.node) < ($1.at, $1.deployID, $1.node) }
    }

    /// Appends the records of a deploy to the note on its target commit.
    func appendNote(_ records: [DeployRecord], on commit: ObjectID, author: Signature) throws {
        guard !records.isEmpty else { return }
        let repository = director.repository
        var text = try repository.note(on: commit, ref: Self.notesRef) ?? ""
        if !text.isEmpty && !text.hasSuffix("\n") { text += "\n" }
        for record in records { text += try record.jsonLine() + "\n" }
        try repository.setNote(on: commit, ref: Self.notesRef, text: text, author: author, overwrite: true)
    }

    /// Moves the ref of `record`'s node to where the record leaves it (nothing when that is
    /// unknown, or a commit this repository does not have).
    func moveNodeRef(_ record: DeployRecord) throws {
        let repository = director.repository
        guard let at = record.position, let id = ObjectID(hex: at), repository.contains(id) else { return }
        let ref = Self.nodeRef(record.node)
        try repository.updateReference(ref, to: id, expected: try repository.reference(ref), message: "deploy \(record.deployID)")
    }

    /// Points the node refs of `nodes` at `commit` where they point elsewhere (a node found
    /// at `commit` that another director brought there, say).
    func mark(_ nodes: [String], at commit: ObjectID, deployID: String) throws {
        let repository = director.repository
        for node in nodes {
            let ref = Self.nodeRef(node)
            let current = try repository.reference(ref)
            guard current != commit else { continue }
            try repository.updateReference(ref, to: commit, expected: current, message: "deploy \(deployID)")
        }
    }

    /// Keeps drifted files from a node as a commit under `refs/confsync/drift/NODE`
    /// (tree paths as in the main tree); returns its id.
    func saveDrift(_ files: [Drifted], node: String, deployID: String, author: Signature) throws -> ObjectID? {
        guard !files.isEmpty else { return nil }
        let repository = director.repository
        var entries: [String: TreeEntry] = [:]
        for file in files {
            let id = try repository.writeBlob(file.content)
            entries[String(file.path.drop { $0 == "/" })] = TreeEntry(id: id, mode: .blob)
        }
        let tree = try repository.writeTree(entries)
        let ref = Self.driftRef(node)
        let parent = try repository.reference(ref)
        let message = "Drifted files on \(node), saved before forced deploy \(deployID)\n\n"
            + files.map { "  \($0.path)" }.joined(separator: "\n") + "\n"
        return try repository.createCommit(
            tree: tree, parents: parent.map { [$0] } ?? [], author: author, committer: author, message: message,
            updating: ref, expected: parent)
    }
}
