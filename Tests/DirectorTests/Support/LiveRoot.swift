import Foundation
import GitStore
import TestSupport
import Testing
@testable import Director

/// A director on a temporary root: a cluster file managing `/srv/conf` for `lvs-director1`,
/// and its repository under the root. Removed when the test is done with it.
final class LiveRoot {
    private let directory: TemporaryDirectory
    var path: String { directory.path }
    let director: DirectorRepository
    static let author = Signature(name: "test", email: "test@localhost", time: 1_700_000_000)

    init(files: [String: String] = [:]) throws {
        directory = try TemporaryDirectory(prefix: "director")
        let path = directory.path
        try FileManager.default.createDirectory(atPath: path + "/srv/conf", withIntermediateDirectories: true)
        let cluster = "group test\n{\n\thost lvs-director1 (lvs-cache1);\n\tinclude /etc/csync2.cfg;\n\tinclude /srv/conf;\n}\n"
        try Self.write(path + "/etc/csync2.cfg", cluster)
        for (file, text) in files { try Self.write(path + file, text) }
        director = try DirectorRepository.initialize(
            repository: path + "/repo.git", root: path,
            settings: RepositorySettings(clusterFile: "/etc/csync2.cfg", host: "lvs-director1"))
        for file in Array(files.keys) + ["/etc/csync2.cfg"] { try age(file) }
    }

    /// The live path of managed path `file`.
    func live(_ file: String) -> String { path + file }

    func write(_ file: String, _ text: String) throws { try Self.write(live(file), text) }

    /// A link at managed path `file` to `target`, aged like the other files.
    func symlink(_ file: String, to target: String) throws {
        try FileManager.default.createSymbolicLink(atPath: live(file), withDestinationPath: target)
        try age(file)
    }

    func remove(_ file: String) throws { try FileManager.default.removeItem(atPath: live(file)) }

    func chmod(_ file: String, _ mode: Int) throws {
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: live(file))
    }

    /// Sets the file's mtime an hour back, so no scan finds it racily clean.
    func age(_ file: String) throws {
        try stamp(file, at: time(nil) - 3600)
    }

    /// Sets `file`'s mtime (and atime) to `seconds` since the epoch.
    func stamp(_ file: String, at seconds: Int) throws {
        let when = timespec(tv_sec: seconds, tv_nsec: 0)
        var times = [when, when]
        guard utimensat(AT_FDCWD, live(file), &times, AT_SYMLINK_NOFOLLOW) == 0 else {
            throw TestFailure("cannot set the mtime of \(live(file))")
        }
    }

    /// Commits the live files; fails the test unless a commit was made.
    @discardableResult
    func commit(_ message: String = "change") throws -> Commit {
        let result = try director.commit(message: message, author: Self.author)
        guard case .committed(let commit, _) = result.outcome else {
            throw TestFailure("expected a commit, got \(result.outcome) \(result.diagnostics)")
        }
        return commit
    }

    /// `status` as summary lines.
    func status() throws -> [String] { try director.status().changes.map(\.summary) }

    /// Forgets the stat cache: the next scan hashes everything and reads the head's tree.
    func dropCache() throws {
        director.background.wait()
        try FileManager.default.removeItem(atPath: StatCache.path(in: director.path))
    }

    /// Writes with plain POSIX calls: `Data.write` takes about a millisecond a file.
    private static func write(_ full: String, _ text: String) throws {
        try FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let fd = open(full, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw TestFailure("cannot create \(full)") }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        guard Foundation.write(fd, bytes, bytes.count) == bytes.count else { throw TestFailure("cannot write \(full)") }
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
