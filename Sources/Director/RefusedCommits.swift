import Diagnostics
import Foundation
import GitStore
import Posix
import Validation

/// A commit that validation refused: it does not exist, but the audit says who tried, when,
/// on top of which commit, and why.
public struct RefusedCommit: Codable, Sendable, Equatable {
    /// Unix seconds.
    public var at: Int64
    public var author: String
    public var email: String
    public var message: String
    /// The commit it would have followed (nil: the first).
    public var head: String?
    /// The managed files the errors are in.
    public var files: [String]
    /// The errors, as the terminal shows them (`path:line:col: error: message`).
    public var errors: [String]
}

/// The refused commits of this repository, one JSON object per line in
/// `<repository>/confsync/refused-commits`, appended and synced before the refusal is
/// reported, so that an audit record is never lost. It is this director's own (replication
/// carries commits and deploy records, not this file). The same refusal again (same head,
/// author and errors: a schedule trying every minute) is recorded once.
public struct RefusedCommits {
    let repository: String

    public init(repository: String) {
        self.repository = repository
    }

    static func path(in repository: String) -> String { repository + "/confsync/refused-commits" }

    /// Every record, oldest first; a line that does not decode (cut short by a crash) is skipped.
    public func records() throws -> [RefusedCommit] {
        let path = Self.path(in: repository)
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        let bytes = try DirectorError.translating { try WholeFile.read(path) }
        let decoder = JSONDecoder()
        return bytes.split(separator: UInt8(ascii: "\n")).compactMap { line in
            try? decoder.decode(RefusedCommit.self, from: Data(line))
        }
    }

    /// Appends `record` durably, unless the last record is the same refusal.
    public func append(_ record: RefusedCommit) throws {
        if let last = try records().last, last.head == record.head, last.author == record.author,
            last.email == record.email, last.errors == record.errors
        {
            return
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let path = Self.path(in: repository)
        let line = Array(try encoder.encode(record)) + [UInt8(ascii: "\n")]
        try DirectorError.translating {
            let directory = try Directory.openCreating((path as NSString).deletingLastPathComponent, mode: 0o755)
            let file = try directory.openForAppend((path as NSString).lastPathComponent, mode: 0o644)
            try file.write(line)
            try file.sync()
        }
    }
}

extension RefusedCommit {
    /// The refusal of a commit by `author` with `message` on `head`, for `diagnostics` shown
    /// with live paths under `root`.
    public init(author: Signature, message: String, head: ObjectID?, diagnostics: [Diagnostic], root: String) {
        let errors = diagnostics.filter { $0.severity == .error }
        at = Int64(Date().timeIntervalSince1970)
        self.author = author.name
        email = author.email
        self.message = message
        self.head = head?.hex
        files = Array(Set(errors.map { RootPath.strip($0.location.path, root: root) }.filter { $0.hasPrefix("/") })).sorted()
        self.errors = errors.map(\.description)
    }
}
