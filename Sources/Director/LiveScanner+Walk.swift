import Foundation
import Validation

extension LiveScanner {
    /// Scans the managed files at or below `path` (a file or a directory; missing: nothing).
    func scanTree(_ path: String, isManaged: (String) -> Bool) throws {
        let live = RootPath.display(path, root: root)
        var st = stat()
        guard lstat(live, &st) == 0 else { return }
        if st.st_mode & S_IFMT == S_IFDIR {
            let fd = open(live, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard fd >= 0 else { return }
            try scanDirectory(fd, path: path == "/" ? "" : path, isManaged: isManaged)
        } else if isManaged(path) {
            try add(path, st)
        }
    }

    /// Scans the directory open as `fd` (closed here), whose absolute path is `path` ("" for
    /// the root). `readdir`'s type spares a stat of directories and of unmanaged files.
    private func scanDirectory(_ fd: Int32, path: String, isManaged: (String) -> Bool) throws {
        guard let directory = fdopendir(fd) else {
            close(fd)
            return
        }
        defer { closedir(directory) }
        let directoryFD = dirfd(directory)
        while let entry = readdir(directory) {
            let type = Int(entry.pointee.d_type)
            try withUnsafePointer(to: &entry.pointee.d_name) { tuple in
                try tuple.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: tuple.pointee)) { name in
                    try scanEntry(name, type: type, in: directoryFD, directoryPath: path, isManaged: isManaged)
                }
            }
        }
    }

    private func scanEntry(
        _ name: UnsafePointer<CChar>, type: Int, in directoryFD: Int32, directoryPath: String,
        isManaged: (String) -> Bool
    ) throws {
        let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(name).assumingMemoryBound(to: UInt8.self), count: strlen(name))
        if Self.isSkipped(bytes) { return }
        let path = Self.join(directoryPath, bytes)
        switch type {
        case Int(DT_DIR):
            try descend(name, in: directoryFD, path: path, isManaged: isManaged)
        case Int(DT_REG), Int(DT_LNK):
            guard isManaged(path), let st = try lstatEntry(name, in: directoryFD, path: path) else { return }
            try add(path, st)
        case Int(DT_UNKNOWN):
            guard let st = try lstatEntry(name, in: directoryFD, path: path) else { return }
            if st.st_mode & S_IFMT == S_IFDIR {
                try descend(name, in: directoryFD, path: path, isManaged: isManaged)
            } else if isManaged(path) {
                try add(path, st)
            }
        default:
            return
        }
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

    private func descend(
        _ name: UnsafePointer<CChar>, in directoryFD: Int32, path: String, isManaged: (String) -> Bool
    ) throws {
        let fd = openat(directoryFD, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return }
        try scanDirectory(fd, path: path, isManaged: isManaged)
    }

    /// `lstat` of `name` in the directory; nil if it vanished since `readdir`.
    private func lstatEntry(_ name: UnsafePointer<CChar>, in directoryFD: Int32, path: String) throws -> stat? {
        var st = stat()
        guard fstatat(directoryFD, name, &st, AT_SYMLINK_NOFOLLOW) == 0 else {
            if errno == ENOENT { return nil }
            throw PosixFile.errnoError("cannot stat \(RootPath.display(path, root: root))")
        }
        return st
    }
}
