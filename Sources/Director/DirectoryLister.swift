import Foundation
import Posix
import Validation

/// Lists the directories of the live walk: each one's managed files with their stat data and
/// previous cache entries, and its subdirectories. It only reads the previous entries and
/// touches neither the repository nor any shared mutable state, so threads may list at once.
/// Each file is stat'ed once, relative to its directory's descriptor.
struct DirectoryLister: Sendable {
    let root: String
    /// The previous scan's cache entries, by path.
    let previous: [ManagedPath: StatCache.Entry]
    let isManaged: @Sendable (ManagedPath) -> Bool

    /// The walk roots (a file, a directory, or the root directory "/") as one listing: the
    /// managed files among them and the directories to list. A root that is missing has nothing.
    func listRoots(_ paths: [ManagedPath]) -> DirectoryListing {
        var listing = DirectoryListing()
        for path in paths {
            let live = path.live(root: root)
            var st = stat()
            guard lstat(live, &st) == 0 else { continue }
            if st.st_mode & S_IFMT == S_IFDIR {
                let directory = path.managed == "/" ? "" : path.managed
                listing.items.append(.directory(PendingDirectory(path: directory, live: Array(live.utf8CString), followsLink: true)))
            } else if isManaged(path), let file = FoundFile(path: path, st, previous: previous) {
                listing.items.append(.file(file))
            }
        }
        return listing
    }

    /// Lists `directory`, opened by its live path (a link in its last component is followed only
    /// for a walk root); one that cannot be opened (gone, unreadable) has nothing. `readdir`'s
    /// type spares a stat of directories and of unmanaged files.
    func list(_ directory: PendingDirectory) -> DirectoryListing {
        var listing = DirectoryListing()
        let fd = open(directory.live, O_RDONLY | O_DIRECTORY | O_CLOEXEC | (directory.followsLink ? 0 : O_NOFOLLOW))
        guard fd >= 0 else { return listing }
        guard let stream = fdopendir(fd) else {
            close(fd)
            return listing
        }
        defer { closedir(stream) }
        let directoryFD = dirfd(stream)
        while listing.failure == nil, let entry = readdir(stream) {
            let type = Int(entry.pointee.d_type)
            withUnsafePointer(to: &entry.pointee.d_name) { tuple in
                tuple.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: tuple.pointee)) { name in
                    listEntry(name, type: type, in: directoryFD, of: directory, into: &listing)
                }
            }
        }
        return listing
    }

    private func listEntry(
        _ name: UnsafePointer<CChar>, type: Int, in directoryFD: Int32, of directory: PendingDirectory,
        into listing: inout DirectoryListing
    ) {
        let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(name).assumingMemoryBound(to: UInt8.self), count: strlen(name))
        if Self.isSkipped(bytes) { return }
        // Absolute and normalized: the directory's path and a name that is neither empty, "." nor "..".
        let path = ManagedPath(unchecked: Self.join(directory.path, bytes))
        switch type {
        case Int(DT_DIR):
            listing.items.append(.directory(Self.subdirectory(path, named: bytes, in: directory)))
        case Int(DT_REG), Int(DT_LNK):
            guard isManaged(path), let st = lstatEntry(name, in: directoryFD, path: path, into: &listing),
                  let file = FoundFile(path: path, st, previous: previous) else { return }
            listing.items.append(.file(file))
        case Int(DT_UNKNOWN):
            guard let st = lstatEntry(name, in: directoryFD, path: path, into: &listing) else { return }
            if st.st_mode & S_IFMT == S_IFDIR {
                listing.items.append(.directory(Self.subdirectory(path, named: bytes, in: directory)))
            } else if isManaged(path), let file = FoundFile(path: path, st, previous: previous) {
                listing.items.append(.file(file))
            }
        default:
            return
        }
    }

    /// `lstat` of `name` in the directory; nil if it vanished since `readdir`, or if it failed
    /// otherwise (the failure then ends the listing).
    private func lstatEntry(
        _ name: UnsafePointer<CChar>, in directoryFD: Int32, path: ManagedPath, into listing: inout DirectoryListing
    ) -> stat? {
        var st = stat()
        guard fstatat(directoryFD, name, &st, AT_SYMLINK_NOFOLLOW) == 0 else {
            let code = errno
            if code != ENOENT { listing.failure = DirectoryListing.Failure(code: code, live: path.live(root: root)) }
            return nil
        }
        return st
    }

    /// The subdirectory `name` of `parent`, whose managed path is `path`.
    private static func subdirectory(
        _ path: ManagedPath, named name: UnsafeBufferPointer<UInt8>, in parent: PendingDirectory
    ) -> PendingDirectory {
        var live = parent.live
        live.removeLast()  // the NUL
        if live.last != CChar(UInt8(ascii: "/")) { live.append(CChar(UInt8(ascii: "/"))) }
        live.append(contentsOf: UnsafeRawBufferPointer(name).bindMemory(to: CChar.self))
        live.append(0)
        return PendingDirectory(path: path.managed, live: live, followsLink: false)
    }

    /// `.`, `..`, and the temporary files of an atomic write in progress.
    private static func isSkipped(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        let dot = UInt8(ascii: ".")
        return name.elementsEqual([dot]) || name.elementsEqual([dot, dot]) || name.starts(with: temporaryPrefix)
    }

    private static let temporaryPrefix = Array(".confsync-tmp-".utf8)

    /// `directory + "/" + name`, built in one allocation (invalid UTF-8 in `name` is repaired,
    /// as `String(decoding:as:)` does).
    private static func join(_ directory: String, _ name: UnsafeBufferPointer<UInt8>) -> String {
        var directory = directory
        return directory.withUTF8 { head in
            String(unsafeUninitializedCapacity: head.count + 1 + name.count) { buffer in
                _ = UnsafeMutableBufferPointer(rebasing: buffer[..<head.count]).initialize(fromContentsOf: head)
                buffer[head.count] = UInt8(ascii: "/")
                _ = UnsafeMutableBufferPointer(rebasing: buffer[(head.count + 1)...]).initialize(fromContentsOf: name)
                return buffer.count
            }
        }
    }
}
