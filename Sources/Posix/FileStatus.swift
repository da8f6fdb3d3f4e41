import Glibc

/// The parts of `struct stat` the engine looks at.
public struct FileStatus: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        case regular, directory, symlink, other
    }

    public var kind: Kind
    /// Permission bits only.
    public var mode: UInt32
    public var uid: UInt32
    public var gid: UInt32
    public var inode: UInt64
    public var device: UInt64
    public var size: Int

    public init(_ raw: stat) {
        switch raw.st_mode & S_IFMT {
        case S_IFREG: kind = .regular
        case S_IFDIR: kind = .directory
        case S_IFLNK: kind = .symlink
        default: kind = .other
        }
        mode = raw.st_mode & 0o7777
        uid = raw.st_uid
        gid = raw.st_gid
        inode = UInt64(raw.st_ino)
        device = UInt64(raw.st_dev)
        size = Int(raw.st_size)
    }
}
