import Foundation
import GitStore

/// One node's part of one deploy, as kept in the repository for `audit`: a JSON line in the
/// note on the target commit (ref `refs/notes/confsync/deploys`), and before that in the
/// deploy's journal (`DeployJournal`) as soon as the node's result is in. The commits are
/// typed here and 40 lowercase hex digits in the JSON (`ObjectID`'s Codable), so notes written
/// when they were strings read the same, and new ones are written the same.
public struct DeployRecord: Codable, Sendable, Equatable {
    public struct File: Codable, Sendable, Equatable {
        public var path: String
        public var status: String
        public var message: String?

        public init(path: String, status: String, message: String?) {
            self.path = path
            self.status = status
            self.message = message
        }
    }

    public struct ActionRun: Codable, Sendable, Equatable {
        public var pattern: String
        public var command: String
        public var exitStatus: Int32
        public var outputTail: String
        public var durationMillis: UInt64

        public init(pattern: String, command: String, exitStatus: Int32, outputTail: String, durationMillis: UInt64) {
            self.pattern = pattern
            self.command = command
            self.exitStatus = exitStatus
            self.outputTail = outputTail
            self.durationMillis = durationMillis
        }
    }

    public var deployID: String
    public var node: String
    public var director: String
    public var user: String
    /// Unix seconds.
    public var at: Int64
    public var fromCommit: ObjectID?
    public var toCommit: ObjectID
    public var status: Status
    public var message: String
    public var files: [File]
    public var actions: [ActionRun]
    /// Commit under refs/confsync/drift/NODE holding drifted content saved before a forced deploy.
    public var driftSaved: ObjectID?
    /// For `found`: the later deploy that found the node at `toCommit` and wrote this record.
    public var foundBy: String?
    /// For `found`: when that was (Unix seconds); `at` is when the node applied, if it said.
    public var foundAt: Int64?

    public init(
        deployID: String, node: String, director: String, user: String, at: Int64, fromCommit: ObjectID?,
        toCommit: ObjectID, status: Status, message: String, files: [File], actions: [ActionRun],
        driftSaved: ObjectID?, foundBy: String? = nil, foundAt: Int64? = nil
    ) {
        self.deployID = deployID
        self.node = node
        self.director = director
        self.user = user
        self.at = at
        self.fromCommit = fromCommit
        self.toCommit = toCommit
        self.status = status
        self.message = message
        self.files = files
        self.actions = actions
        self.driftSaved = driftSaved
        self.foundBy = foundBy
        self.foundAt = foundAt
    }
}

extension DeployRecord {
    /// One line of JSON (sorted keys: stable, diffable notes). The file results, 10,000 of
    /// them in a first deploy's record, are written by `FileResultsJSON`, byte for byte as
    /// `JSONEncoder` writes them and several times faster; the rest by `JSONEncoder`.
    func jsonLine() throws -> String {
        var rest = self
        rest.files = []
        let encoded = try Self.encoded(rest)
        // The only `"files":[]` outside a string: a quote inside one is escaped.
        guard let empty = encoded.utf8.firstRange(of: FileResultsJSON.emptyKey) else { return try Self.encoded(self) }
        var line = [UInt8]()
        line.reserveCapacity(encoded.utf8.count + files.count * 64)
        line += encoded.utf8[..<empty.lowerBound]
        FileResultsJSON.append(files, to: &line)
        line += encoded.utf8[empty.upperBound...]
        return String(decoding: line, as: UTF8.self)
    }

    static func encoded(_ record: DeployRecord) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(record), as: UTF8.self)
    }

    /// Where the record leaves the node: the target for a deploy that got there, else the
    /// commit the node had; nil when not known (a deploy that stopped before the node answered).
    public var position: ObjectID? {
        switch status {
        case .deployed, .upToDate, .found: toCommit
        case .inFlight, .interrupted: nil
        default: fromCommit
        }
    }

    /// The records in a deploy note (one JSON line each; other lines are skipped, so are the
    /// statuses of a newer confsync, and a record whose commit is not an object id).
    public static func parseLines(_ text: String) -> [DeployRecord] {
        let decoder = JSONDecoder()
        return text.split(separator: "\n").compactMap { try? decoder.decode(DeployRecord.self, from: Data($0.utf8)) }
    }
}
