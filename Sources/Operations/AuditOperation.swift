import Director
import Foundation
import GitStore
import Ledger
import Posix

/// `audit`: which events to list.
public struct AuditRequest: Sendable {
    /// Only events at or after this time (Unix seconds).
    public var since: Int64?
    /// Only deploys to this node (commits are left out).
    public var node: String?
    /// Only commits and deploys that touched this managed file.
    public var path: String?

    public init(since: Int64? = nil, node: String? = nil, path: String? = nil) {
        self.since = since
        self.node = node
        self.path = path
    }
}

/// A commit, one node's part of a deploy, or a commit validation refused.
public enum AuditEvent: Sendable {
    case commit(Commit, [String])
    case deploy(DeployRecord)
    case refused(RefusedCommit)

    public var at: Int64 {
        switch self {
        case .commit(let commit, _): commit.committer.time
        case .deploy(let record): record.at
        case .refused(let refusal): refusal.at
        }
    }

    /// One JSON object: `{"type":"commit",...}` or `{"type":"deploy", the record's fields}`.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        switch self {
        case .commit(let commit, let files):
            let entry = CommitEntry(
                type: "commit", commit: commit.id.hex, at: commit.committer.time, author: commit.author.name,
                email: commit.author.email, message: commit.message, files: files)
            return String(decoding: try encoder.encode(entry), as: UTF8.self)
        case .deploy(let record):
            return String(decoding: try encoder.encode(TypedEntry(type: "deploy", value: record)), as: UTF8.self)
        case .refused(let refusal):
            return String(decoding: try encoder.encode(TypedEntry(type: "refused", value: refusal)), as: UTF8.self)
        }
    }

    struct CommitEntry: Encodable {
        var type: String, commit: String, at: Int64, author: String, email: String, message: String, files: [String]
    }

    /// `value`'s fields with `"type"` first among them (a deploy record, a refused commit).
    struct TypedEntry<Value: Encodable>: Encodable {
        var type: String
        var value: Value

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(type, forKey: .type)
            try value.encode(to: encoder)
        }

        enum Key: String, CodingKey { case type }
    }
}

extension DirectorOperations {
    /// One timeline of commits, deploys and refused commits, oldest first. Commits and deploys
    /// come from the repository (commits, and deploy records kept as git notes), so every
    /// director holding it answers the same; refused commits are this director's own
    /// (`RefusedCommits`). Within one second, a commit comes before the deploys of it, and
    /// deploys of one commit in the order they started: the rank is the commit's place in
    /// history.
    /// `memo` keeps what does not change between calls (see `HistoryMemo`).
    public func audit(_ request: AuditRequest, memo: HistoryMemo? = nil) throws -> [AuditEvent] {
        var events: [(event: AuditEvent, rank: Int, tie: String)] = []
        let history = try director.head().map { try director.repository.log(from: $0.id).reversed() } ?? []
        var place: [String: Int] = [:]  // by hex: refused commits name their head so (`RefusedCommit.head`)
        for (index, commit) in history.enumerated() {
            place[commit.id.hex] = index
            if request.node != nil { continue }
            let files = try memo?.changedPaths(of: commit.id) { try changedPaths(commit) } ?? changedPaths(commit)
            if let path = request.path, !files.contains(path) { continue }
            events.append((.commit(commit, files), 2 * index, ""))
        }
        let ledger = DeployLedger(director)
        let noted = try memo?.notedRecords(tip: ledger.notesTip()) { try ledger.notedRecords() } ?? ledger.notedRecords()
        for record in try ledger.records(noted: noted) {
            if let node = request.node, record.node != node.lowercased() { continue }
            if let path = request.path, !record.files.contains(where: { $0.path == path }) { continue }
            events.append((.deploy(record), place[record.toCommit.hex].map { 2 * $0 + 1 } ?? Int.max, record.deployID + record.node))
        }
        // Refused commits, after the commits of their second (rank: the head they were on).
        if request.node == nil {
            for refusal in try RefusedCommits(repository: director.path).records() {
                if let path = request.path, !refusal.files.contains(path) { continue }
                events.append((.refused(refusal), refusal.head.flatMap { place[$0] }.map { 2 * $0 + 1 } ?? 0, ""))
            }
        }
        return events.filter { request.since == nil || $0.event.at >= request.since ?? 0 }
            .sorted { ($0.event.at, $0.rank, $0.tie) < ($1.event.at, $1.rank, $1.tie) }
            .map(\.event)
    }

    private func changedPaths(_ commit: Commit) throws -> [String] {
        let repository = director.repository
        let parentTree = try commit.parents.first.map { try repository.commit($0).tree }
        return try repository.diff(from: parentTree, to: commit.tree).map { change in
            change.path == AttributesFile.treePath ? "(owner/group/mode)" : try ManagedPath(tree: change.path).managed
        }
    }
}
