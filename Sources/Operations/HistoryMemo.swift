import Foundation
import GitStore
import Ledger

/// What the history reads again and again, kept by a process that stays up (the web
/// console): the files each commit changed (a commit never changes), and the deploy records
/// of the notes as of their tip. It grows with the repository, not with the visits.
public final class HistoryMemo: @unchecked Sendable {
    private let lock = NSLock()
    private var changed: [ObjectID: [String]] = [:]
    private var noted: (tip: ObjectID, records: [DeployRecord])?

    public init() {}

    func changedPaths(of commit: ObjectID, _ read: () throws -> [String]) rethrows -> [String] {
        if let known = lock.withLock({ changed[commit] }) { return known }
        let paths = try read()
        lock.withLock { changed[commit] = paths }
        return paths
    }

    func notedRecords(tip: ObjectID?, _ read: () throws -> [DeployRecord]) rethrows -> [DeployRecord] {
        guard let tip else { return try read() }
        if let known = lock.withLock({ noted }), known.tip == tip { return known.records }
        let records = try read()
        lock.withLock { noted = (tip, records) }
        return records
    }
}
