import Posix
import Synchronization
import TestSupport
import Testing
@testable import Director

/// The live walk's lister takes its roots as managed paths (a file, a directory, the root
/// directory "/") and asks the matcher about each file by its managed path, the one the
/// listed file then has.
@Suite struct DirectoryListerTests {
    @Test func theMatcherAndTheListedFilesHaveTheManagedPaths() throws {
        let root = try LiveRoot(files: ["/srv/conf/a.conf": "a\n", "/srv/conf/skip.txt": "s\n", "/srv/conf/sub/b.conf": "b\n"])
        let asked = Mutex<[ManagedPath]>([])
        let lister = DirectoryLister(root: root.path, previous: [:]) { path in
            asked.withLock { $0.append(path) }
            return path.name != "skip.txt"
        }
        var listed: [ManagedPath] = []
        try LiveWalk(roots: ["/etc/csync2.cfg", "/srv/conf", "/srv/missing"], lister: lister, threads: 1)
            .forEachFile { listed.append($0.path) }
        #expect(listed.sorted() == ["/etc/csync2.cfg", "/srv/conf/a.conf", "/srv/conf/sub/b.conf"])
        let seen = asked.withLock { $0 }.sorted()
        #expect(seen == ["/etc/csync2.cfg", "/srv/conf/a.conf", "/srv/conf/skip.txt", "/srv/conf/sub/b.conf"])
        #expect(seen.map(\.tree) == ["etc/csync2.cfg", "srv/conf/a.conf", "srv/conf/skip.txt", "srv/conf/sub/b.conf"])
        #expect(seen.map(\.parentPath) == ["/etc", "/srv/conf", "/srv/conf", "/srv/conf/sub"])
    }

    @Test func theRootDirectoryIsListedAsTheTop() throws {
        let root = try LiveRoot()
        let lister = DirectoryLister(root: root.path, previous: [:]) { _ in true }
        let listing = lister.listRoots(["/"])
        guard case .directory(let top)? = listing.items.first else {
            Issue.record("the root directory is not listed as a directory: \(listing.items)")
            return
        }
        #expect(listing.items.count == 1)
        #expect(top.path == "", "the top's children are joined as \"\" + \"/\" + name")
        let children = lister.list(top).items.compactMap { item -> String? in
            if case .directory(let directory) = item { return directory.path }
            return nil
        }
        #expect(children.sorted() == ["/etc", "/repo.git", "/srv"])
    }
}
