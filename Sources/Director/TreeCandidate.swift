import Foundation
import GitStore
import Validation

/// A commit's tree as validation sees it: content read from the object database on demand.
/// The repository handle is guarded by a lock, so the candidate can cross threads.
public final class TreeCandidate: CandidateFiles, @unchecked Sendable {
    private let blobs: [String: ObjectID]
    private let repository: Repository
    private let lock = NSLock()

    /// `tree`'s files (symlinks are not validated), read through `repository`.
    public init(_ tree: ManagedTree, repository: Repository) {
        var blobs: [String: ObjectID] = [:]
        for (path, file) in tree.files where file.entry.mode != .symlink {
            blobs[path] = file.entry.id
        }
        self.blobs = blobs
        self.repository = repository
    }

    public var paths: [String] { blobs.keys.sorted() }

    public func content(of path: String) -> [UInt8]? {
        guard let id = blobs[path] else { return nil }
        lock.lock()
        defer { lock.unlock() }
        return try? repository.readBlob(id)
    }
}
