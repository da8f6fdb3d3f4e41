import Glibc

/// An open directory. Every operation names an entry directly inside it and never follows
/// a symlink at that entry, so a path is resolved one checked component at a time.
public final class Directory {
    private let descriptor: FileDescriptor
    /// The live path, for messages.
    public var path: String { descriptor.path }

    private init(_ descriptor: FileDescriptor) {
        self.descriptor = descriptor
    }

    /// Opens the directory at the absolute `path`, following symlinks (root and state directory).
    public static func open(_ path: String) throws -> Directory {
        let fd = try Posix.call("open directory", path) { Glibc.open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        return Directory(FileDescriptor(raw: fd, path: path))
    }

    /// Opens the directory at `path`, creating it and its missing parents with `mode` first.
    public static func openCreating(_ path: String, mode: UInt32) throws -> Directory {
        let fd = try Posix.call("open directory", path, tolerating: [ENOENT]) {
            Glibc.open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        }
        if let fd { return Directory(FileDescriptor(raw: fd, path: path)) }
        var prefix = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            prefix += "/" + component
            try Posix.call("mkdir", prefix, tolerating: [EEXIST]) { mkdir(prefix, mode) }
        }
        return try open(path)
    }

    /// The live path of entry `name`.
    public func entryPath(_ name: String) -> String {
        path.hasSuffix("/") ? path + name : path + "/" + name
    }

    public func status() throws -> FileStatus {
        try descriptor.status()
    }

    /// The status of entry `name` (not following a symlink); nil when it does not exist.
    public func status(_ name: String) throws -> FileStatus? {
        var raw = stat()
        let found = try Posix.call("lstat", entryPath(name), tolerating: [ENOENT]) {
            fstatat(descriptor.raw, name, &raw, AT_SYMLINK_NOFOLLOW)
        }
        return found == nil ? nil : FileStatus(raw)
    }

    /// The subdirectory `name`; nil when it does not exist. A symlink or a non-directory
    /// there is refused (`PosixError.Code.refused`).
    public func subdirectory(_ name: String) throws -> Directory? {
        let child = entryPath(name)
        let flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC
        let opened = try Posix.call("open directory", child, tolerating: [ENOENT, ELOOP, ENOTDIR]) {
            openat(descriptor.raw, name, flags)
        }
        if let fd = opened { return Directory(FileDescriptor(raw: fd, path: child)) }
        switch try status(name)?.kind {
        case nil: return nil
        case .symlink:
            throw PosixError(.refused, operation: "open directory", path: child, message: "\(child) is a symlink")
        case .directory:
            throw PosixError(
                .failed, operation: "open directory", path: child, message: "\(child) changed while being opened")
        default:
            throw PosixError(.refused, operation: "open directory", path: child, message: "\(child) is not a directory")
        }
    }

    /// Creates subdirectory `name` with `mode`; false when it already exists.
    @discardableResult
    public func makeSubdirectory(_ name: String, mode: UInt32 = 0o755) throws -> Bool {
        try Posix.call("mkdir", entryPath(name), tolerating: [EEXIST]) { mkdirat(descriptor.raw, name, mode) } != nil
    }

    /// Opens entry `name` for reading without following a symlink; nil when it does not exist.
    public func openFile(_ name: String) throws -> FileDescriptor? {
        let flags = O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK
        guard
            let fd = try Posix.call(
                "open", entryPath(name), tolerating: [ENOENT], { openat(descriptor.raw, name, flags) })
        else { return nil }
        return FileDescriptor(raw: fd, path: entryPath(name))
    }

    /// The content of entry `name`; nil when it does not exist.
    public func readFile(_ name: String) throws -> [UInt8]? {
        guard let file = try openFile(name) else { return nil }
        return try file.readToEnd(sizeHint: file.status().size)
    }

    /// The target of the symbolic link `name` (at most PATH_MAX bytes on Linux); nil when
    /// there is no such entry.
    public func readLink(_ name: String) throws -> [UInt8]? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX))
        let count = try buffer.withUnsafeMutableBufferPointer { raw -> Int? in
            guard let start = raw.baseAddress else { return 0 }  // never: the buffer is not empty
            return try Posix.call("readlink", entryPath(name), tolerating: [ENOENT]) {
                readlinkat(descriptor.raw, name, start, raw.count)
            }
        }
        return count.map { buffer[..<$0].map { UInt8(bitPattern: $0) } }
    }

    /// Creates the symbolic link `name` to `target` (any bytes but NUL, as Linux and git
    /// allow); a leftover of that name is replaced.
    public func createSymlink(_ name: String, target: [UInt8]) throws {
        guard !target.isEmpty, !target.contains(0) else {
            throw PosixError(
                .invalid, operation: "symlink", path: entryPath(name),
                message: "link target for \(entryPath(name)) is empty or holds a NUL byte")
        }
        try remove(name)
        let terminated = target.map { CChar(bitPattern: $0) } + [0]
        try terminated.withUnsafeBufferPointer { text in
            guard let start = text.baseAddress else { return }
            try Posix.call("symlink", entryPath(name)) { symlinkat(start, descriptor.raw, name) }
        }
    }

    /// Creates entry `name` for writing, exclusively; a leftover of that name is replaced.
    public func createFile(_ name: String, mode: UInt32 = 0o600) throws -> FileDescriptor {
        let flags = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC
        for _ in 0..<2 {
            if let fd = try Posix.call(
                "create", entryPath(name), tolerating: [EEXIST], { openat(descriptor.raw, name, flags, mode) })
            {
                return FileDescriptor(raw: fd, path: entryPath(name))
            }
            try remove(name)
        }
        throw PosixError(
            .failed, operation: "create", path: entryPath(name), message: "create \(entryPath(name)): keeps existing")
    }

    /// Opens entry `name` for appending, creating it with `mode`.
    public func openForAppend(_ name: String, mode: UInt32) throws -> FileDescriptor {
        let flags = O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC
        let fd = try Posix.call("open", entryPath(name)) { openat(descriptor.raw, name, flags, mode) }
        return FileDescriptor(raw: fd, path: entryPath(name))
    }

    /// Opens existing entry `name` for writing, without truncating it or following a symlink.
    public func openForWriting(_ name: String) throws -> FileDescriptor {
        let flags = O_WRONLY | O_NOFOLLOW | O_CLOEXEC
        let fd = try Posix.call("open", entryPath(name)) { openat(descriptor.raw, name, flags) }
        return FileDescriptor(raw: fd, path: entryPath(name))
    }

    /// Opens entry `name` for reading and writing, creating it (0600) if missing; for a lock file.
    public func openLockFile(_ name: String) throws -> FileDescriptor {
        let flags = O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC
        let fd = try Posix.call("open", entryPath(name)) { openat(descriptor.raw, name, flags, 0o600) }
        return FileDescriptor(raw: fd, path: entryPath(name))
    }

    /// Renames entry `from` to `to` (replacing `to`); false when `from` does not exist.
    @discardableResult
    public func rename(_ from: String, to: String) throws -> Bool {
        try Posix.call("rename", "\(entryPath(from)) -> \(to)", tolerating: [ENOENT]) {
            renameat(descriptor.raw, from, descriptor.raw, to)
        } != nil
    }

    /// Makes `to` a second name of entry `from`, replacing any `to`; false when `from` does not exist.
    @discardableResult
    public func link(_ from: String, to: String) throws -> Bool {
        try remove(to)
        return try Posix.call("link", "\(entryPath(from)) -> \(to)", tolerating: [ENOENT]) {
            linkat(descriptor.raw, from, descriptor.raw, to, 0)
        } != nil
    }

    /// Removes entry `name` (not a directory); false when it does not exist.
    @discardableResult
    public func remove(_ name: String) throws -> Bool {
        try Posix.call("unlink", entryPath(name), tolerating: [ENOENT]) { unlinkat(descriptor.raw, name, 0) } != nil
    }

    /// Removes the empty subdirectory `name`; false when it does not exist or is not empty.
    @discardableResult
    public func removeDirectory(_ name: String) throws -> Bool {
        try Posix.call("rmdir", entryPath(name), tolerating: [ENOENT, ENOTEMPTY, EEXIST]) {
            unlinkat(descriptor.raw, name, AT_REMOVEDIR)
        } != nil
    }

    /// fsync(2) of the directory: makes its entries (creations, renames, removals) durable.
    public func sync() throws {
        try descriptor.sync()
    }

    /// syncfs(2) of the directory's file system; false when unavailable.
    public func syncFileSystem() throws -> Bool {
        try descriptor.syncFileSystem()
    }

    /// The names in the directory, without "." and "..".
    public func entries() throws -> [String] {
        let fd = try Posix.call("dup", path) { dup(descriptor.raw) }
        guard let stream = fdopendir(fd) else {
            let failure = PosixError.failure("opendir", path)
            close(fd)
            throw failure
        }
        defer { closedir(stream) }
        var names = [String]()
        while let entry = readdir(stream) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// Replaces entry `name` with `bytes` atomically: a temporary file beside it (`temporary`,
    /// by default `name.tmp`; a leftover of that name is replaced) created 0600, written,
    /// given `uid`/`gid` (nil leaves each as it is) and then `mode` (nil leaves 0600 less the
    /// umask), synced, renamed over `name`; the directory is synced last. Without `durable`,
    /// neither sync. Readers see the old content or the new. On failure the temporary file
    /// is removed and `name` is left as it was.
    public func writeAtomically(
        _ name: String, _ bytes: [UInt8], mode: UInt32? = nil, uid: UInt32? = nil, gid: UInt32? = nil,
        durable: Bool = true, temporary: String? = nil
    ) throws {
        let temp = temporary ?? name + ".tmp"
        do {
            let file = try createFile(temp)
            try file.write(bytes)
            if uid != nil || gid != nil { try file.changeOwner(uid: uid ?? UInt32.max, gid: gid ?? UInt32.max) }
            if let mode { try file.changeMode(mode) }
            if durable { try file.sync() }
            try rename(temp, to: name)
        } catch {
            _ = try? remove(temp)
            throw error
        }
        if durable { try sync() }
    }

    /// Replaces entry `name` with a symbolic link to `target` atomically: the link made under
    /// `temporary`, renamed over `name`, the directory synced. On failure the temporary link
    /// is removed.
    public func symlinkAtomically(_ name: String, target: [UInt8], temporary: String) throws {
        do {
            try createSymlink(temporary, target: target)
            try rename(temporary, to: name)
        } catch {
            _ = try? remove(temporary)
            throw error
        }
        try sync()
    }

    /// Removes entry `name` durably (unlink, then fsync of the directory); false when missing.
    @discardableResult
    public func removeDurably(_ name: String) throws -> Bool {
        let removed = try remove(name)
        try sync()
        return removed
    }
}
