import Foundation
import GitStore
import TestSupport

/// People whose signatures the tests use, at fixed times.
enum People {
    static func alice(at time: Int64 = 1_700_000_000) -> Signature {
        Signature(name: "Alice Admin", email: "alice@example.org", time: time, offsetMinutes: 60)
    }

    static func bob(at time: Int64 = 1_700_000_000) -> Signature {
        Signature(name: "Bob Ops", email: "bob@example.org", time: time, offsetMinutes: -300)
    }
}

/// A fresh bare repository in a scratch directory, with helpers to commit files.
final class TestRepository {
    let scratch: TemporaryDirectory
    let repository: Repository
    let path: String
    /// The commit time of the next `commit`; each commit is one minute later.
    private var clock: Int64 = 1_700_000_000

    init() throws {
        scratch = try TemporaryDirectory(prefix: "gitstore-tests")
        path = scratch.path("repo.git")
        repository = try Repository.create(at: path)
    }

    /// Entries for `files` (path -> text), writing the blobs.
    func entries(_ files: [String: String], mode: FileMode = .blob) throws -> [String: TreeEntry] {
        try files.mapValues { TreeEntry(id: try repository.writeBlob(Array($0.utf8)), mode: mode) }
    }

    /// Commits exactly `files` (the whole tree), by default on top of main, moving main.
    @discardableResult
    func commit(
        _ files: [String: String], message: String = "change", parents: [ObjectID]? = nil,
        ref: String? = "refs/heads/main", author: Signature? = nil
    ) throws -> ObjectID {
        try commit(entries: entries(files), message: message, parents: parents, ref: ref, author: author)
    }

    /// Commits exactly `entries`, by default on top of main, moving main.
    @discardableResult
    func commit(
        entries: [String: TreeEntry], message: String = "change", parents: [ObjectID]? = nil,
        ref: String? = "refs/heads/main", author: Signature? = nil
    ) throws -> ObjectID {
        clock += 60
        let tree = try repository.writeTree(entries)
        let current = try ref.flatMap { try repository.reference($0) }
        let parents = parents ?? current.map { [$0] } ?? []
        return try repository.createCommit(
            tree: tree, parents: parents, author: author ?? People.alice(at: clock),
            committer: People.alice(at: clock), message: message, updating: ref, expected: current)
    }

    /// Runs git in this repository.
    @discardableResult
    func git(_ arguments: String...) throws -> String {
        try GitCLI.run(["-C", path] + arguments)
    }

    /// Lines git prints for `arguments` in this repository.
    func gitLines(_ arguments: String...) throws -> [String] {
        try GitCLI.lines(["-C", path] + arguments)
    }
}
