import Glibc
import Testing

@testable import Agent

@Suite("Apply")
struct ApplyTests {
    @Test("first apply into an empty root creates parents, modes and owners")
    func firstApply() throws {
        let box = try Sandbox()
        let engine = try box.engine()
        let report = try engine.apply(
            Requests.request(
                "d1", from: nil, to: "c1",
                [
                    Requests.put("/etc/squid3/squid.conf", "http_port 3128\n"),
                    Requests.put(
                        "/etc/ha.d/ldirectord.cf", "checktimeout=3\n", mode: 0o600, owner: "nobody", group: "nogroup"),
                    Requests.put("/usr/local/bin/reload", "#!/bin/sh\n", mode: 0o755),
                ]))
        #expect(report.status == .applied)
        #expect(report.commit == "c1")
        #expect(report.files.map(\.status) == [.written, .written, .written])
        #expect(box.read("/etc/squid3/squid.conf") == "http_port 3128\n")
        let cf = try #require(box.status("/etc/ha.d/ldirectord.cf"))
        #expect(cf.st_mode & 0o7777 == 0o600)
        #expect(cf.st_uid == 65534 && cf.st_gid == 65534)
        #expect(try #require(box.status("/usr/local/bin/reload")).st_mode & 0o7777 == 0o755)
        #expect(box.tree().filter { $0.contains(".confsync-") }.isEmpty)
        #expect(box.stateLeftovers().isEmpty)

        let state = try engine.state()
        #expect(state.commit == "c1")
        #expect(
            state.manifest["/etc/ha.d/ldirectord.cf"]
                == ManifestEntry(
                    path: "/etc/ha.d/ldirectord.cf", blobID: Requests.blob("checktimeout=3\n"), mode: 0o600,
                    owner: "nobody", group: "nogroup"))
        #expect(
            state.lastDeploy
                == DeployRecord(
                    deployID: "d1", commit: "c1", status: .applied, at: state.lastDeploy?.at ?? 0, director: "lvs1",
                    user: "admin"))
        // A fresh engine reads the same state back from disk.
        #expect(try box.engine().state() == state)
    }

    @Test("a one-file change replaces that file only")
    func oneFileChange() throws {
        let box = try Sandbox()
        let engine = try box.engine()
        _ = try engine.apply(
            Requests.request(
                "d1", from: nil, to: "c1", [Requests.put("/etc/a", "a1\n"), Requests.put("/etc/b", "b1\n")]))
        let inodeOfB = try #require(box.status("/etc/b")).st_ino
        let report = try engine.apply(
            Requests.request("d2", from: "c1", to: "c2", [Requests.put("/etc/a", "a2\n", old: "a1\n")]))
        #expect(report.status == .applied)
        #expect(box.read("/etc/a") == "a2\n")
        #expect(box.status("/etc/b")?.st_ino == inodeOfB)
        #expect(try engine.state().manifest["/etc/a"]?.blobID == Requests.blob("a2\n"))
        #expect(try engine.state().manifest["/etc/b"]?.blobID == Requests.blob("b1\n"))
        #expect(box.tree() == ["etc", "etc/a", "etc/b"])
    }

    @Test("delete removes the file and its manifest entry")
    func delete() throws {
        let box = try Sandbox()
        let engine = try box.engine()
        _ = try engine.apply(
            Requests.request("d1", from: nil, to: "c1", [Requests.put("/etc/a", "a\n"), Requests.put("/etc/b", "b\n")]))
        let report = try engine.apply(
            Requests.request("d2", from: "c1", to: "c2", [Requests.delete("/etc/a", old: "a\n")]))
        #expect(report.files == [FileOutcome(path: "/etc/a", status: .deleted)])
        #expect(!box.exists("/etc/a"))
        #expect(try engine.state().manifest.keys.sorted() == ["/etc/b"])
        #expect(box.tree() == ["etc", "etc/b"])
    }

    @Test("a change set the node already has writes nothing but records the commit")
    func noOp() throws {
        let box = try Sandbox()
        let engine = try box.engine()
        _ = try engine.apply(Requests.request("d1", from: nil, to: "c1", [Requests.put("/etc/a", "a\n")]))
        let inode = try #require(box.status("/etc/a")).st_ino
        let report = try engine.apply(
            Requests.request(
                "d2", from: "c1", to: "c2",
                [Requests.put("/etc/a", "a\n", old: "a\n"), Requests.delete("/etc/gone", old: "x")],
                actions: [ActionRequest(pattern: "/etc/*", commands: ["touch \(box.root)/ran"], paths: ["/etc/a"])]))
        #expect(report.status == .applied)
        #expect(report.files.map(\.status) == [.unchanged, .unchanged])
        #expect(report.actions.isEmpty)
        #expect(!box.exists("/ran"))
        #expect(box.status("/etc/a")?.st_ino == inode)
        #expect(try engine.state().commit == "c2")
        #expect(try engine.state().lastDeploy?.deployID == "d2")
    }

    @Test("mode and owner change with the same content")
    func attributesChange() throws {
        let box = try Sandbox()
        let engine = try box.engine()
        _ = try engine.apply(Requests.request("d1", from: nil, to: "c1", [Requests.put("/etc/a", "a\n")]))
        let report = try engine.apply(
            Requests.request(
                "d2", from: "c1", to: "c2",
                [Requests.put("/etc/a", "a\n", old: "a\n", mode: 0o640, owner: "nobody", group: "nogroup")]))
        #expect(report.files.map(\.status) == [.written])
        let status = try #require(box.status("/etc/a"))
        #expect(status.st_mode & 0o7777 == 0o640 && status.st_uid == 65534 && status.st_gid == 65534)
        #expect(try engine.state().manifest["/etc/a"]?.owner == "nobody")
    }

    @Test("an attribute change may omit the content the node already has")
    func attributesWithoutContent() throws {
        let box = try Sandbox()
        let engine = try box.engine()
        _ = try engine.apply(Requests.request("d1", from: nil, to: "c1", [Requests.put("/etc/a", "a\n")]))
        var change = Requests.put("/etc/a", "a\n", old: "a\n", mode: 0o600)
        change.content = nil
        let report = try engine.apply(Requests.request("d2", from: "c1", to: "c2", [change]))
        #expect(report.status == .applied)
        #expect(box.read("/etc/a") == "a\n")
        #expect(box.status("/etc/a").map { $0.st_mode & 0o7777 } == 0o600)

        var other = Requests.put("/etc/a", "b\n", old: "a\n")
        other.content = nil
        let refused = try engine.apply(Requests.request("d3", from: "c2", to: "c3", [other]))
        #expect(refused.status == .refused)
        #expect(refused.files.first?.message.contains("no content") == true)
    }

    @Test("an unknown owner or group fails the apply with nothing written")
    func unknownOwner() throws {
        let box = try Sandbox()
        let engine = try box.engine()
        let report = try engine.apply(
            Requests.request(
                "d1", from: nil, to: "c1",
                [
                    Requests.put("/etc/new/a", "a\n"), Requests.put("/etc/new/b", "b\n", owner: "no-such-user-xyz"),
                    Requests.put("/etc/c", "c\n", group: "no-such-group-xyz"),
                ]))
        #expect(report.status == .failed)
        #expect(report.files.map(\.path) == ["/etc/new/b", "/etc/c"])
        #expect(report.files.allSatisfy { $0.status == .failed })
        #expect(box.tree().isEmpty)
        #expect(try engine.state() == NodeState())
        #expect(box.stateLeftovers().isEmpty)
    }

    @Test("numeric owners and groups stand for ids")
    func numericOwner() throws {
        let box = try Sandbox()
        let engine = try box.engine()
        _ = try engine.apply(
            Requests.request("d1", from: nil, to: "c1", [Requests.put("/etc/a", "a\n", owner: "4242", group: "4343")]))
        #expect(box.status("/etc/a").map { ($0.st_uid, $0.st_gid) } ?? (0, 0) == (4242, 4343))
        #expect(try engine.drift().isEmpty)
    }

    @Test("fsync-per-file durability gives the same result")
    func fsyncEachFile() throws {
        let box = try Sandbox()
        let engine = try box.engine(options: ApplyEngine.Options(durability: .fsyncEachFile))
        let report = try engine.apply(Requests.request("d1", from: nil, to: "c1", [Requests.put("/a/b/c", "x\n")]))
        #expect(report.status == .applied)
        #expect(box.read("/a/b/c") == "x\n")
    }

    @Test("an apply is refused until recover() resolved an unfinished one")
    func recoveryNeeded() throws {
        let box = try Sandbox()
        let crashing = try box.engine(faultPoint: { $0 == .journalWritten })
        #expect(throws: SimulatedCrash.self) {
            try crashing.apply(Requests.request("d1", from: nil, to: "c1", [Requests.put("/etc/a", "a\n")]))
        }
        let engine = try box.engine()
        let error = try #require(throws: AgentError.self) {
            try engine.apply(Requests.request("d2", from: nil, to: "c2", [Requests.put("/etc/b", "b\n")]))
        }
        #expect(error.code == .recoveryNeeded)
        #expect(try engine.recover().resolution == .completed)
        #expect(
            try engine.apply(Requests.request("d2", from: "c1", to: "c2", [Requests.put("/etc/b", "b\n")])).status
                == .applied)
    }
}
