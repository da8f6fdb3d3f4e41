import Foundation
import GitStore
import Posix
import Validation

/// A commit's tree as validation sees it: content read from the object database on demand.
/// The repository handle is guarded by a lock, so the candidate can cross threads.
public final class TreeCandidate: CandidateFiles, @unchecked Sendable {
    private let files: [ManagedPath: ManagedFile]
    private let repository: Repository
    private let lock = NSLock()
    /// `paths`, listed once when first asked for (guarded by `lock`).
    private var listedPaths: [String]?

    /// `tree`'s files (symlinks are not validated), read through `repository`.
    public init(_ tree: ManagedTree, repository: Repository) {
        files = tree.files
        self.repository = repository
    }

    public var paths: [String] {
        lock.lock()
        defer { lock.unlock() }
        if let listedPaths { return listedPaths }
        var paths: [String] = []
        paths.reserveCapacity(files.count)
        for (path, file) in files where file.entry.mode != .symlink { paths.append(path.managed) }
        listedPaths = paths
        return paths
    }

    public func content(of path: String) -> [UInt8]? {
        // A path that is not a managed one names no file.
        guard let path = try? ManagedPath(managed: path), let file = files[path], file.entry.mode != .symlink else {
            return nil
        }
        let id = file.entry.id
        lock.lock()
        defer { lock.unlock() }
        return try? repository.readBlob(id)
    }
}
