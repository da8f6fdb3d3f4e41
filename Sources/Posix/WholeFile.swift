import Glibc

/// Files read and replaced whole, by path: the one whole-file read and the one atomic
/// write (both on `FileDescriptor` and `Directory`, which the agent uses directly).
public enum WholeFile {
    /// The whole content of `path` (following symlinks): one read for a file whose size
    /// `fstat` knows, plus the one that sees its end; more only if it grows meanwhile.
    public static func read(_ path: String) throws -> [UInt8] {
        let file = try FileDescriptor.open(path, flags: O_RDONLY)
        return try file.readToEnd(sizeHint: file.status().size)
    }

    /// Replaces `path` with `content` atomically (see `Directory.writeAtomically`): a
    /// temporary file beside it (`.confsync-tmp-PID-RANDOM`) with the final owner (nil
    /// leaves it) and `mode`, renamed over the target. `creatingDirectories`: missing
    /// parents are created (0755) first. `durable`: the file is synced before the rename
    /// and the directory after it.
    public static func write(
        _ content: [UInt8], to path: String, mode: UInt32, uid: UInt32? = nil, gid: UInt32? = nil,
        durable: Bool = true, creatingDirectories: Bool = true
    ) throws {
        let (directory, name) = try parent(of: path, creating: creatingDirectories)
        try directory.writeAtomically(
            name, content, mode: mode, uid: uid, gid: gid, durable: durable, temporary: temporaryName())
    }

    /// Replaces `path` with a symbolic link to `target`, atomically; creates missing parents.
    public static func symlink(_ target: String, at path: String) throws {
        let (directory, name) = try parent(of: path, creating: true)
        try directory.symlinkAtomically(name, target: Array(target.utf8), temporary: temporaryName())
    }

    /// The open directory of `path` and the name in it.
    private static func parent(of path: String, creating: Bool) throws -> (Directory, String) {
        guard let slash = path.lastIndex(of: "/") else { return (try Directory.open("."), path) }
        let directory = slash == path.startIndex ? "/" : String(path[..<slash])
        let name = String(path[path.index(after: slash)...])
        return (try creating ? Directory.openCreating(directory, mode: 0o755) : Directory.open(directory), name)
    }

    /// A name no other writer picks: the process id and a random number.
    private static func temporaryName() -> String {
        ".confsync-tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    }
}
