import Foundation
import Glibc
import Posix
import Validation

/// What the director service (`confsync serve`) tells the command line about itself:
/// `<root>/run/confsync/service.json`, rewritten atomically after each scheduled run, so
/// that `confsync status` (in-process or through the service) shows the schedule, its
/// last and next run and their results. It holds nothing the service needs back: losing it
/// loses a status line, never state.
public struct ServiceRecord: Sendable, Codable, Equatable {
    /// The service's process; `status` shows the record only while it runs.
    public var pid: Int32
    /// `sync every` and `drift-check every`, in seconds; nil: not scheduled.
    public var syncEverySeconds: Int?
    public var driftCheckEverySeconds: Int?
    /// The watch mode's quiet period in milliseconds; nil: not watching.
    public var watchAfterMillis: Int?
    public var sync: Run?
    public var driftCheck: Run?
    public var watch: Run?
    /// The live cluster file's error while the service keeps its last good settings.
    public var clusterFileError: String?
    /// Whether the service's watch covers every managed directory (then a commit looks only
    /// at what changed), and the commit every node was at when a deploy last reached them all.
    public var watchCovers: Bool?
    public var knownNodes: KnownNodes?

    /// Every node of the last deploy at `commit` when it was reached (Unix seconds).
    public struct KnownNodes: Sendable, Codable, Equatable {
        public var commit: String
        public var count: Int
        public var checked: Int64

        public init(commit: String, count: Int, checked: Int64) {
            self.commit = commit
            self.count = count
            self.checked = checked
        }
    }

    /// One scheduled job: its last run and result, and when it runs next (Unix seconds).
    public struct Run: Sendable, Codable, Equatable {
        public var lastRun: Int64?
        public var lastResult: String?
        public var lastSucceeded: Bool?
        public var nextRun: Int64?

        public init(lastRun: Int64? = nil, lastResult: String? = nil, lastSucceeded: Bool? = nil, nextRun: Int64? = nil) {
            self.lastRun = lastRun
            self.lastResult = lastResult
            self.lastSucceeded = lastSucceeded
            self.nextRun = nextRun
        }
    }

    public init(pid: Int32) {
        self.pid = pid
    }

    public static func path(root: String) -> String {
        RootPath.live("/run/confsync/service.json", root: root)
    }

    /// The record of a service that runs now under `root`, or nil.
    public static func current(root: String) -> ServiceRecord? {
        guard let data = FileManager.default.contents(atPath: path(root: root)),
            let record = try? JSONDecoder().decode(ServiceRecord.self, from: data),
            kill(record.pid, 0) == 0 || errno == EPERM
        else { return nil }
        return record
    }

    public func write(root: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let bytes = Array(try encoder.encode(self))
        try DirectorError.translating { try WholeFile.write(bytes, to: Self.path(root: root), mode: 0o644, durable: false) }
    }
}
