import Glibc

/// The parts of `struct stat` the engine looks at.
struct FileStatus: Equatable {
    enum Kind: Equatable {
        case regular, directory, symlink, other
    }

    var kind: Kind
    /// Permission bits only.
    var mode: UInt32
    var uid: UInt32
    var gid: UInt32
    var inode: UInt64
    var device: UInt64
    var size: Int

    init(_ raw: stat) {
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
