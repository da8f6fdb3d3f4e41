import Foundation
import Glibc
import Testing

@testable import Agent

@Suite("Refusals: nothing is written")
struct RefusalTests {
    static let badPaths: [(String, String)] = [
        ("etc/relative", "not absolute"),
        ("/etc/../etc/passwd", "'..' component"),
        ("/../outside", "'..' component"),
        ("/etc/./a", "'.' component"),
        ("/etc//a", "empty component"),
        ("/etc/a/", "empty component"),
        ("/", "root directory"),
        ("/etc/a\u{0}b", "NUL"),
        ("/etc/.confsync-tmp-x-1", "reserved prefix"),
    ]

    @Test("malformed paths are refused", arguments: badPaths)
    func malformedPath(path: String, reason: String) throws {
        let box = try Sandbox()
        let engine = try box.engine()
        let report = try engine.apply(
            Requests.request("d1", from: nil, to: "c1", [Requests.put("/etc/ok", "ok\n"), Requests.put(path, "x\n")]))
        #expect(report.status == .refused)
        #expect(report.files.count == 1)
        #expect(report.files.first?.status == .refused)
        #expect(report.files.first?.message.contains(reason) == true)
        #expect(box.tree().isEmpty)
        #expect(box.stateLeftovers().isEmpty)
    }

    @Test("a symlinked parent is refused, even one pointing inside the root")
    func symlinkedParent() throws {
        let box = try Sandbox()
        let outside = box.base + "/outside"
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: box.live("/real"), withIntermediateDirectories: true)
        #expect(symlink(outside, box.live("/escape")) == 0)
        #expect(symlink(box.live("/real"), box.live("/inside")) == 0)
        let engine = try box.engine()
        for path in ["/escape/passwd", "/escape/deeper/passwd", "/inside/file"] {
            let report = try engine.apply(Requests.request("d1", from: nil, to: "c1", [Requests.put(path, "x\n")]))
            #expect(report.status == .refused)
            #expect(report.files.first?.message.contains("is a symlink") == true)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside).isEmpty)
        #expect(box.tree() == ["escape", "inside", "real"])
    }

    @Test("a file as parent, a directory as target, duplicates and nested paths are refused")
    func structuralConflicts() throws {
        let box = try Sandbox()
        try box.write("/etc/plain", "x")
        try FileManager.default.createDirectory(atPath: box.live("/etc/dir"), withIntermediateDirectories: true)
        let engine = try box.engine()
        let cases: [([FileChange], String)] = [
            ([Requests.put("/etc/plain/a", "a")], "not a directory"),
            ([Requests.put("/etc/dir", "a")], "is a directory"),
            ([Requests.put("/etc/x", "a"), Requests.put("/etc/x", "b")], "appears twice"),
            ([Requests.put("/etc/y", "a"), Requests.put("/etc/y/z", "b")], "directory of /etc/y/z"),
        ]
        for (changes, reason) in cases {
            let report = try engine.apply(Requests.request("d1", from: nil, to: "c1", changes, force: true))
            #expect(report.status == .refused)
            #expect(report.files.contains { $0.message.contains(reason) }, "\(reason): \(report.files)")
        }
        #expect(box.tree() == ["etc", "etc/dir", "etc/plain"])
    }

    @Test("paths into the state directory are refused")
    func stateDirectoryUnderRoot() throws {
        let box = try Sandbox()
        let engine = try ApplyEngine(root: box.root, stateDirectory: box.root + "/var/lib/confsync/agent")
        let report = try engine.apply(
            Requests.request("d1", from: nil, to: "c1", [Requests.put("/var/lib/confsync/agent/state", "x")]))
        #expect(report.status == .refused)
        #expect(report.files.first?.message.contains("state directory") == true)
    }

    @Test("content that does not hash to its blob id is refused")
    func blobMismatch() throws {
        let box = try Sandbox()
        let engine = try box.engine()
        var change = Requests.put("/etc/a", "real\n")
        change.blobID = Requests.blob("claimed\n")
        let report = try engine.apply(
            Requests.request("d1", from: nil, to: "c1", [Requests.put("/etc/b", "b"), change]))
        #expect(report.status == .refused)
        #expect(report.files.map(\.path) == ["/etc/a"])
        #expect(report.files.first?.message.contains("does not match blob id") == true)
        #expect(box.tree().isEmpty)
    }

    @Test("a put without blob id, or with file-type bits in its mode, is refused")
    func malformedPut() throws {
        let box = try Sandbox()
        let engine = try box.engine()
        var noBlob = Requests.put("/etc/a", "a")
        noBlob.blobID = nil
        let badMode = Requests.put("/etc/b", "b", mode: 0o100644)
        let report = try engine.apply(Requests.request("d1", from: nil, to: "c1", [noBlob, badMode]))
        #expect(report.status == .refused)
        #expect(report.files.count == 2)
    }

    @Test("a deploy from another commit is refused unless forced")
    func fromCommitMismatch() throws {
        let box = try Sandbox()
        let engine = try box.engine()
        _ = try engine.apply(Requests.request("d1", from: nil, to: "c1", [Requests.put("/etc/a", "a")]))
        let report = try engine.apply(Requests.request("d2", from: "c0", to: "c2", [Requests.put("/etc/b", "b")]))
        #expect(report.status == .refused)
        #expect(report.message.contains("node is at commit c1"))
        let forced = try engine.apply(
            Requests.request("d2", from: "c0", to: "c2", [Requests.put("/etc/b", "b")], force: true))
        #expect(forced.status == .applied)
    }

    @Test(
        "a deploy id unfit for file names is an invalid request",
        arguments: ["", "a/b", "x y", String(repeating: "a", count: 65)])
    func badDeployID(id: String) throws {
        let box = try Sandbox()
        let engine = try box.engine()
        let error = try #require(throws: AgentError.self) {
            try engine.apply(Requests.request(id, from: nil, to: "c1", [Requests.put("/etc/a", "a")]))
        }
        #expect(error.code == .invalidRequest)
    }
}
