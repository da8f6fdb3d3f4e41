import Posix
import Testing

/// A managed path's name and directory, found without splitting the path, and the grouping
/// of an apply's files by directory that the planner, stager and journal walk in.
struct ManagedPathTests {
    @Test(arguments: [
        ("/etc/squid3/squid.conf", "squid.conf", ["etc", "squid3"], "/etc/squid3"),
        ("/etc", "etc", [], "/"),
        ("/a/b/c/d", "d", ["a", "b", "c"], "/a/b/c"),
        // Not what validation lets through, but split as before: empty components ignored.
        ("//etc//squid3/", "squid3", ["etc"], "/etc"),
        ("etc/hosts", "hosts", ["etc"], "/etc"),
    ])
    func nameAndDirectory(path: String, name: String, parent: [String], parentPath: String) {
        let managed = ManagedPath(path)
        #expect(managed.path == path)
        #expect(managed.name == name)
        #expect(managed.parent == parent)
        #expect(managed.parentPath == parentPath)
        // The same as splitting it, which the engine did for every path before.
        var components = path.split(separator: "/").map(String.init)
        #expect(managed.name == components.popLast() ?? "")
        #expect(managed.parent == components)
    }

    @Test func groupsByDirectoryInComponentOrderKeepingEachGroupsOrder() {
        let paths = ["/etc/b", "/etc/a-b/x", "/top", "/etc/a/y", "/etc/a/x", "/etc/c", "/other"]
        let groups = paths.groupedByDirectory(path: { $0 })
        #expect(groups.map(\.directory) == [[], ["etc"], ["etc", "a"], ["etc", "a-b"]])
        #expect(groups.map(\.elements) == [["/top", "/other"], ["/etc/b", "/etc/c"], ["/etc/a/y", "/etc/a/x"], ["/etc/a-b/x"]])
    }
}
