import Foundation
import GitStore
import Posix
import Validation

extension DirectorRepository {
    /// Writes `target`'s files to the live paths on this director, each atomically with its
    /// recorded owner, group and mode, and removes files `previous` had that `target` lacks.
    /// A live file that differs from `previous` (an uncommitted edit) is not overwritten
    /// unless `force`: the whole apply is refused before anything is written.
    @discardableResult
    public func applyToLive(_ target: ManagedTree, previous: ManagedTree, force: Bool) throws -> [FileChange] {
        let changes = previous.changes(to: target)
        let scanner = try LiveScanner(
            root: root, repository: repository, cache: loadStatCache())
        let live = try scanner.scan(changes.map(\.path))
        let drifted = changes.filter { live.files[$0.path] != $0.old && live.files[$0.path] != $0.new }
        if !drifted.isEmpty && !force {
            throw DirectorError(
                .drift,
                "live files differ from the last commit (uncommitted edits): "
                    + drifted.map { $0.path.live(root: root) }.joined(separator: ", ")
                    + "; commit them first, or use --force to overwrite them")
        }
        let unknown = changes.compactMap(\.new).filter {
            $0.entry.mode != .symlink && (Ownership.uid(of: $0.attributes.owner) == nil || Ownership.gid(of: $0.attributes.group) == nil)
        }
        if let first = unknown.first {
            throw DirectorError(
                .io, "owner \(first.attributes.owner):\(first.attributes.group) does not exist on this host; nothing was written")
        }
        for change in changes where live.files[change.path] != change.new {
            let livePath = change.path.live(root: root)
            guard let new = change.new else {
                if unlink(livePath) != 0 && errno != ENOENT { throw DirectorError.system("remove", livePath) }
                continue
            }
            let content = try repository.readBlob(new.entry.id)
            if new.entry.mode == .symlink {
                try DirectorError.translating { try WholeFile.symlink(String(decoding: content, as: UTF8.self), at: livePath) }
            } else {
                try DirectorError.translating {
                    try WholeFile.write(
                        content, to: livePath, mode: UInt32(new.attributes.mode),
                        uid: Ownership.uid(of: new.attributes.owner), gid: Ownership.gid(of: new.attributes.group))
                }
            }
        }
        return changes
    }
}
