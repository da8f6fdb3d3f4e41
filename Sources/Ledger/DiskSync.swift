import Foundation

/// Makes what libgit2 wrote durable: it syncs no object or reference itself, so before a
/// deploy journal is removed the file system holding the repository is synced (`syncfs(2)`,
/// looked up at run time because Swift's Glibc module does not export it; `sync(2)` without it).
public enum DiskSync {
    private typealias Function = @convention(c) (Int32) -> Int32

    private static let syncfs: Function? = {
        guard let symbol = dlsym(nil, "syncfs") else { return nil }
        return unsafeBitCast(symbol, to: Function.self)
    }()

    public static func fileSystem(of path: String) throws {
        guard let syncfs else {
            sync()
            return
        }
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw DeployJournal.error("cannot open \(path)") }
        defer { close(fd) }
        guard syncfs(fd) == 0 else { throw DeployJournal.error("cannot sync the file system of \(path)") }
    }
}
