import Director
import Foundation
import GitStore
import Replication
import TestSupport

/// A director repository in a temporary directory, with helpers to make commits directly.
final class ScratchDirector {
    private let directory: TemporaryDirectory
    var base: String { directory.path }
    let director: DirectorRepository
    var repository: Repository { director.repository }
    var path: String { director.path }

    init(host: String) throws {
        directory = try TemporaryDirectory(prefix: "confsync-repl")
        try FileManager.default.createDirectory(atPath: directory.path("root"), withIntermediateDirectories: true)
        director = try DirectorRepository.initialize(
            repository: directory.path("repo.git"), root: directory.path("root"),
            settings: RepositorySettings(clusterFile: "/etc/csync2.cfg", host: host))
    }

    static let author = Signature(name: "Test", email: "test@example.org", time: 1_700_000_000)

    /// A commit of `files` (tree path -> text) on `parents`; moves `ref` when given.
    @discardableResult
    func commit(_ files: [String: String], parents: [ObjectID], message: String = "change", ref: String? = nil) throws
        -> ObjectID
    {
        var entries: [String: TreeEntry] = [:]
        for (path, text) in files {
            entries[path] = TreeEntry(id: try repository.writeBlob(Array(text.utf8)), mode: .blob)
        }
        let tree = try repository.writeTree(entries)
        let expected = try ref.flatMap { try repository.reference($0) }
        return try repository.createCommit(
            tree: tree, parents: parents, author: Self.author, committer: Self.author, message: message, updating: ref,
            expected: expected)
    }

    /// Copies the objects reachable from `ids` out of `other` (as a fetch would).
    func copyObjects(_ ids: [ObjectID], from other: ScratchDirector) throws {
        try repository.receivePack(other.repository.pack(including: ids, excluding: []))
    }

    /// A deploy record line as the deploy ledger writes it.
    static func record(node: String, at: Int64, status: String, to: ObjectID, from: ObjectID? = nil, id: String = "d1")
        -> String
    {
        let fromField = from.map { "\"\($0.hex)\"" } ?? "null"
        return "{\"actions\":[],\"at\":\(at),\"deployID\":\"\(id)\",\"director\":\"d\",\"files\":[],"
            + "\"fromCommit\":\(fromField),\"message\":\"\",\"node\":\"\(node)\",\"status\":\"\(status)\","
            + "\"toCommit\":\"\(to.hex)\",\"user\":\"u\"}"
    }
}
