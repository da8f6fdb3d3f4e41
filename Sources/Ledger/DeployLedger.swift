import Director
import Foundation
import GitStore
import Posix
import Wire

/// Where deploys are recorded in the director's repository, so they travel with it:
/// - `refs/notes/confsync/deploys`: on each target commit, one JSON line per node and deploy
///   (before that, while the deploy runs, in its journal: `DeployJournal`);
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

    /// Every record, oldest first: the notes and the journals of deploys still running or
    /// interrupted, one record per deploy and node (`DeployRecord.settled`).
    public func records() throws -> [DeployRecord] {
        try records(noted: notedRecords())
    }

    /// `records()` from the notes' records as `notedRecords()` read them (a process that
    /// stays up keeps them while `notesTip` stays the same).
    public func records(noted: [DeployRecord]) throws -> [DeployRecord] {
        let journals = try LeftoverJournal.all(repository: director.path).flatMap(\.settled)
        return DeployRecord.settled(noted + journals)
            .sorted { ($0.at, $0.deployID, $0.node) < ($1.at, $1.deployID, $1.node) }
    }

    /// Every record in the notes, unsettled.
    public func notedRecords() throws -> [DeployRecord] {
        try director.repository.notes(ref: Self.notesRef).flatMap { DeployRecord.parseLines($0.text) }
    }

    /// The commit the notes are at (nil: no deploy recorded yet).
    public func notesTip() throws -> ObjectID? {
        try director.repository.reference(Self.notesRef)
    }

    /// The records in the note on `commit`.
    public func records(on commit: ObjectID) throws -> [DeployRecord] {
        DeployRecord.parseLines(try director.repository.note(on: commit, ref: Self.notesRef) ?? "")
    }

    /// Appends `records` to the notes on their target commits, leaving out those a note
    /// holds already (same deploy, node and status), so that folding a journal twice adds
    /// nothing. The caller holds the repository lock.
    public func fold(_ records: [DeployRecord], author: Signature) throws {
        try fold(records.map(EncodedRecord.init), author: author)
    }

    /// `fold` of records already encoded (as a running deploy journals them).
    public func fold(_ records: [EncodedRecord], author: Signature) throws {
        var commits: [ObjectID] = []
        var byCommit: [ObjectID: [EncodedRecord]] = [:]
        for encoded in records {
            let commit = encoded.record.toCommit
            if byCommit[commit] == nil { commits.append(commit) }
            byCommit[commit, default: []].append(encoded)
        }
        for commit in commits {
            guard director.repository.contains(commit) else {
                throw LedgerError(.recording, "deploy record of commit \(commit), which this repository does not have")
            }
            var text = try director.repository.note(on: commit, ref: Self.notesRef) ?? ""
            let known = Set(DeployRecord.parseLines(text).map(\.identity))
            let new = (byCommit[commit] ?? []).filter { !known.contains($0.record.identity) }
            guard !new.isEmpty else { continue }
            if !text.isEmpty && !text.hasSuffix("\n") { text += "\n" }
            for encoded in new { text += encoded.line + "\n" }
            try director.repository.setNote(on: commit, ref: Self.notesRef, text: text, author: author, overwrite: true)
        }
    }

    /// Folds the journals of deploys whose director died into the notes (a node still in
    /// flight is recorded as interrupted), then removes them; returns how many there were.
    /// Journals of deploys still running are left alone; so are the records' node refs (the
    /// next deploy reads where each node is).
    @discardableResult
    public func recoverInterrupted(author: Signature) throws -> Int {
        LeftoverJournal.removeAbandonedTemporaries(repository: director.path)
        let journals = try LeftoverJournal.all(repository: director.path).filter { !$0.running }
        guard !journals.isEmpty else { return 0 }
        try director.withLock {
            for journal in journals {
                // Read again under the lock: another process may have folded it meanwhile.
                guard let current = try LeftoverJournal.read(journal.path), !current.running else { continue }
                do {
                    try fold(current.settled, author: author)
                } catch {
                    throw LedgerError(.recording, "recording the interrupted deploy of \(current.path): \(error)")
                }
            }
        }
        try DiskSync.fileSystem(of: director.path)
        for journal in journals {
            guard unlink(journal.path) == 0 || errno == ENOENT else {
                throw DeployJournal.error("cannot remove the deploy journal \(journal.path)")
            }
        }
        return journals.count
    }

    /// Moves the ref of `record`'s node to where the record leaves it (nothing when that is
    /// unknown, or a commit this repository does not have).
    public func moveNodeRef(_ record: DeployRecord) throws {
        let repository = director.repository
        guard let id = record.position, repository.contains(id) else { return }
        let ref = Self.nodeRef(record.node)
        try repository.updateReference(ref, to: id, expected: try repository.reference(ref), message: "deploy \(record.deployID)")
    }

    /// Points the node refs of `nodes` at `commit` where they point elsewhere (a node found
    /// at `commit` that another director brought there, say).
    public func mark(_ nodes: [String], at commit: ObjectID, deployID: String) throws {
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
    public func saveDrift(_ files: [Drifted], node: String, deployID: String, author: Signature) throws -> ObjectID? {
        guard !files.isEmpty else { return nil }
        let repository = director.repository
        var entries: [String: TreeEntry] = [:]
        for file in files {
            let id = try repository.writeBlob(file.content)
            entries[try ManagedPath(managed: file.path).tree] = TreeEntry(id: id, mode: .blob)
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
