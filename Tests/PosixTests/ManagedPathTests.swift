import Posix
import Testing

/// A managed path's forms (managed, tree, live) and its checks; its name and directory, found
/// without splitting the path, and the grouping of an apply's files by directory that the
/// planner, stager and journal walk in.
struct ManagedPathTests {
    @Test(arguments: [
        ("/etc/squid3/squid.conf", "squid.conf", ["etc", "squid3"], "/etc/squid3"),
        ("/etc", "etc", [], "/"),
        ("/a/b/c/d", "d", ["a", "b", "c"], "/a/b/c"),
        // Not what validation lets through, but split as before: empty components ignored.
        ("//etc//squid3/", "squid3", ["etc"], "/etc"),
        ("etc/hosts", "hosts", ["etc"], "/etc"),
        // Not ASCII: found by `Character`, not by the bytes of the usual path.
        ("/etc/größe/ünïcode.conf", "ünïcode.conf", ["etc", "größe"], "/etc/größe"),
        ("/é", "é", [], "/"),
    ])
    func nameAndDirectory(path: String, name: String, parent: [String], parentPath: String) {
        let managed = ManagedPath(unchecked: path)
        #expect(managed.managed == path)
        #expect(managed.name == name)
        #expect(managed.parent == parent)
        #expect(managed.parentPath == parentPath)
        // The same as splitting it, which the engine did for every path before.
        var components = path.split(separator: "/").map(String.init)
        #expect(managed.name == components.popLast() ?? "")
        #expect(managed.parent == components)
    }

    /// Below a directory by whole components; the root directory has every path below it.
    @Test(arguments: [
        ("/etc/squid3/squid.conf", "/etc", true),
        ("/etc/squid3/squid.conf", "/etc/squid3", true),
        ("/etc/squid3/squid.conf", "/", true),
        ("/etc/squid3/squid.conf", "/etc/squid", false),
        ("/etc/squid3/squid.conf", "/etc/squid3/squid.conf", false),
        ("/etc", "/etc/squid3", false),
        ("/", "/", false),
        ("/etc/a-b/x", "/etc/a", false),
    ])
    func isBelowADirectory(path: String, directory: String, below: Bool) {
        #expect(ManagedPath(unchecked: path).isBelow(ManagedPath(unchecked: directory)) == below)
    }

    @Test func groupsByDirectoryInComponentOrderKeepingEachGroupsOrder() {
        let paths = ["/etc/b", "/etc/a-b/x", "/top", "/etc/a/y", "/etc/a/x", "/etc/c", "/other"]
        let groups = paths.groupedByDirectory(path: { $0 })
        #expect(groups.map(\.directory) == [[], ["etc"], ["etc", "a"], ["etc", "a-b"]])
        #expect(groups.map(\.elements) == [["/top", "/other"], ["/etc/b", "/etc/c"], ["/etc/a/y", "/etc/a/x"], ["/etc/a-b/x"]])
    }

    @Test(arguments: [
        ("/etc/squid3/squid.conf", "etc/squid3/squid.conf", "/srv/n1/etc/squid3/squid.conf"),
        ("/etc", "etc", "/srv/n1/etc"),
        ("/.confsync/attributes", ".confsync/attributes", "/srv/n1/.confsync/attributes"),
        ("/a/...b/.c", "a/...b/.c", "/srv/n1/a/...b/.c"),
    ])
    func managedTreeAndLiveForms(managed: String, tree: String, live: String) throws {
        let path = try ManagedPath(managed: managed)
        #expect(path.managed == managed)
        #expect(path.tree == tree)
        #expect(path.description == managed)
        #expect("\(path)" == managed)
        #expect(path.live(root: "/srv/n1") == live)
        #expect(path.live(root: "/srv/n1/") == live)
        #expect(path.live(root: "/") == managed)
        #expect(try ManagedPath(tree: tree) == path)
        #expect(try ManagedPath(tree: tree).managed == managed)
        #expect(ManagedPath(unchecked: managed) == path)
    }

    @Test(arguments: [
        ("etc/a", "is not absolute"),
        ("", "is not absolute"),
        ("/", "is the root directory"),
        ("/etc//a", "has an empty component ('//' or a trailing '/')"),
        ("/etc/a/", "has an empty component ('//' or a trailing '/')"),
        ("//etc/a", "has an empty component ('//' or a trailing '/')"),
        ("/etc/./a", "has a '.' component"),
        ("/etc/../a", "has a '..' component"),
        ("/etc/a/..", "has a '..' component"),
        ("/etc/a\u{0}b", "contains a NUL byte"),
    ])
    func refusesWhatIsNotAManagedPath(path: String, problem: String) {
        #expect(ManagedPath.problem(path) == problem)
        #expect(throws: PosixError(.invalid, operation: "managed path", path: path, message: "invalid managed path '\(path)': \(problem)")) {
            try ManagedPath(managed: path)
        }
    }

    @Test(arguments: [
        ("/etc/a", "is absolute"),
        ("", "is empty"),
        ("etc//a", "has an empty component ('//' or a trailing '/')"),
        ("etc/a/", "has an empty component ('//' or a trailing '/')"),
        ("./a", "has a '.' component"),
        ("etc/../a", "has a '..' component"),
    ])
    func refusesWhatIsNotATreePath(path: String, problem: String) {
        #expect(throws: PosixError(.invalid, operation: "tree path", path: path, message: "invalid tree path '\(path)': \(problem)")) {
            try ManagedPath(tree: path)
        }
    }

    /// Ordered, equal and hashed as the managed strings are, whichever way it was made.
    @Test func ordersAndHashesAsTheManagedString() throws {
        let strings = ["/etc/a/x", "/etc/a-b", "/etc/a", "/top", "/etc/B", "/etc/a.b"]
        let paths = try strings.map { try ManagedPath(managed: $0) }
        #expect(paths.sorted().map(\.managed) == strings.sorted())
        #expect(try paths.sorted().map(\.tree) == strings.sorted().map { try ManagedPath(managed: $0).tree })
        #expect(try ManagedPath(tree: "etc/a") == ManagedPath(managed: "/etc/a"))
        #expect(try Set(paths + [ManagedPath(tree: "etc/a"), ManagedPath(unchecked: "/top")]).count == strings.count)
        #expect(try ManagedPath(managed: "/etc/a") < ManagedPath(managed: "/etc/a-b"))
        #expect(try !(ManagedPath(managed: "/etc/a") < ManagedPath(managed: "/etc/a")))
    }
}
