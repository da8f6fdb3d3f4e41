import Glibc
import Testing

@testable import Agent

/// A temp file is created with its final mode when that exposes nothing, and only the
/// owner, group and mode that differ are changed afterwards (issue 16): the files still
/// end up exactly as asked.
@Suite("Staging attributes")
struct StagingAttributeTests {
    @Test(
        "the creation mode is the final one only when the group may do no more than others",
        arguments: [
            (0o644 as UInt32, 0o644 as UInt32), (0o755, 0o755), (0o444, 0o444), (0o666, 0o666), (0o600, 0o600),
            (0o700, 0o700), (0o640, 0o600), (0o750, 0o600), (0o660, 0o600), (0o4755, 0o600), (0o2755, 0o600),
            (0o1777, 0o600), (0o000, 0o000), (0o604, 0o604),
        ])
    func creationMode(mode: UInt32, created: UInt32) {
        #expect(Stager.creationMode(mode) == created)
    }

    // The umask is the process's, shared with the tests running alongside, so it is not
    // varied here; whatever it is, a mode it narrowed is set again with a chmod.
    @Test("modes and owners come out as asked, with and without a chown")
    func attributes() throws {
        let box = try Sandbox()
        let cases: [(path: String, mode: UInt32, owner: String, group: String, uid: UInt32, gid: UInt32)] = [
            ("/etc/a", 0o644, "root", "root", 0, 0),
            ("/etc/b", 0o755, "root", "root", 0, 0),
            ("/etc/c", 0o640, "nobody", "nogroup", 65534, 65534),
            ("/etc/d", 0o4755, "root", "root", 0, 0),
            ("/etc/e", 0o600, "nobody", "root", 65534, 0),
            ("/etc/f", 0o664, "root", "nogroup", 0, 65534),
        ]
        let report = try box.engine().apply(
            Requests.request(
                "d1", from: nil, to: "c1",
                cases.map { Requests.put($0.path, "\($0.path)\n", mode: $0.mode, owner: $0.owner, group: $0.group) }))
        #expect(report.status == .applied)
        for item in cases {
            let status = try #require(box.status(item.path))
            #expect(status.st_mode & 0o7777 == item.mode, "\(item.path)")
            #expect(status.st_uid == item.uid && status.st_gid == item.gid, "\(item.path)")
            #expect(box.read(item.path) == "\(item.path)\n")
        }
    }

    @Test(
        "a path that is another's directory is found without naming pairs",
        arguments: [
            (["/etc/a", "/etc/b/c"], false), (["/etc", "/etc/a"], true), (["/a/b/c/d", "/a/b"], true),
            (["/a/b/c", "/a/bc", "/a/b/d"], false), (["/x"], false), (["/a/b", "/a/b/c/d/e"], true),
        ])
    func directoryOfAnother(paths: [String], expected: Bool) {
        #expect(Planner.someDirectoryIsAPath(Set(paths)) == expected)
    }
}
