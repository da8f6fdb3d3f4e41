import TestSupport
import Testing

@testable import Agent

@Suite("State directory records")
struct RecordTests {
    @Test func pathsSortByTheirBytesAsTheGenericComparisonDoes() {
        var random = SplitMix64(seed: 16)
        let pieces = ["", "/", "a", "b", "ab", "é", "e\u{301}", "z", "/etc", "-", "\u{10348}"]
        for _ in 0..<2000 {
            let a = (0..<Int.random(in: 0...4, using: &random)).map { _ in pieces.randomElement(using: &random) ?? "" }.joined()
            let b = (0..<Int.random(in: 0...4, using: &random)).map { _ in pieces.randomElement(using: &random) ?? "" }.joined()
            #expect(StateFile.bytesPrecede(a, b) == a.utf8.lexicographicallyPrecedes(b.utf8), "\(a) \(b)")
        }
    }

    @Test(
        "fields with TAB, LF, CR and backslash round-trip",
        arguments: [
            "plain", "", "tab\there", "line\nbreak", "cr\rhere", "back\\slash", "\\t literally", "ünïcödé",
        ])
    func escaping(field: String) throws {
        var writer = RecordCodec.Writer(kind: "test")
        writer.append("x", field, "after")
        let records = try RecordCodec.decode(writer.finished(), kind: "test", file: "f")
        #expect(records.map(\.fields) == [["x", field, "after"]])
    }

    @Test(
        "damaged files are rejected with their location",
        arguments: [
            ("other\t1\nend\n", "not a 'test' file"),
            ("test\t2\nend\n", "not a 'test' file"),
            ("test\t1\nx\ty\n", "truncated"),
            ("test\t1\nend\nx", "truncated"),
            ("test\t1\nx\\q\nend\n", "f:2: bad escape"),
        ])
    func damaged(text: String, problem: String) {
        let error = #expect(throws: AgentError.self) {
            try RecordCodec.decode(Array(text.utf8), kind: "test", file: "f")
        }
        #expect(error?.code == .journal)
        #expect(error?.message.contains(problem) == true, "\(error?.message ?? "")")
    }

    @Test("the state file round-trips")
    func state() throws {
        let state = NodeState(
            commit: "c1",
            manifest: [
                "/etc/a b": ManifestEntry(
                    path: "/etc/a b", blobID: "ab12", mode: 0o4755, owner: "root", group: "wheel"),
                "/etc/x": ManifestEntry(path: "/etc/x", blobID: "cd34", mode: 0o600, owner: "squid", group: "proxy"),
            ],
            lastDeploy: DeployRecord(
                deployID: "d1", commit: "c1", status: .failed, at: 1_700_000_000, director: "lvs1", user: "admin"))
        #expect(try StateFile.decode(StateFile.encode(state), file: "state") == state)
        #expect(try StateFile.decode(StateFile.encode(NodeState()), file: "state") == NodeState())
        let text = String(decoding: StateFile.encode(state), as: UTF8.self)
        #expect(text.contains("file\t/etc/a b\tab12\t4755\troot\twheel\n"))
    }

    @Test("a malformed state line names its line")
    func badState() {
        let error = #expect(throws: AgentError.self) {
            try StateFile.decode(
                Array("confsync-state\t1\ncommit\tc\nfile\t/a\tb\t9x9\troot\troot\nend\n".utf8), file: "/s/state")
        }
        #expect(error?.message == "/s/state:3: field 4 is not octal")
    }

    @Test("the journal round-trips")
    func journal() throws {
        let entry = ManifestEntry(path: "/etc/a", blobID: "new", mode: 0o644, owner: "root", group: "root")
        let journal = Journal(
            phase: .rollback, deployID: "d2", director: "lvs1", user: "admin", at: 42, toCommit: "c2",
            previousCommit: nil,
            rollbackOnFailure: true, createdDirectories: ["/etc/new", "/etc/new/deep"],
            entries: [
                Journal.Entry(
                    index: 0, operation: .write, path: "/etc/a", inode: 1234, hadOld: true, new: entry, old: nil),
                Journal.Entry(
                    index: 1, operation: .remove, path: "/etc/b", inode: 0, hadOld: true, new: nil,
                    old: ManifestEntry(path: "/etc/b", blobID: "old", mode: 0o600, owner: "x", group: "y")),
            ],
            commands: [
                OutboxCommand(
                    index: 0, pattern: "/etc/*", logfile: nil, command: "reload %%", paths: ["/etc/a", "/etc/b"]),
                OutboxCommand(
                    index: 1, pattern: "/etc/*", logfile: nil, command: "hang", paths: ["/etc/a"], timeoutMillis: 1500),
            ],
            reruns: [0])
        let decoded = try Journal.decode(journal.encode(), file: "journal")
        #expect(decoded.encode() == journal.encode())
        #expect(decoded.entries == journal.entries)
        #expect(decoded.commands == journal.commands)
        #expect(decoded.phase == .rollback && decoded.reruns == [0] && decoded.previousCommit == nil)
    }

    @Test("staging records and outbox files round-trip")
    func stagingAndOutbox() throws {
        let staging = StagingRecord(deployID: "d", directories: ["/a", "/a/b"], temps: [(0, "/a/b/c"), (3, "/x")])
        #expect(try StagingRecord.decode(staging.encode(), file: "staging") == staging)
        let outbox = OutboxFile(
            deployID: "d", commit: "c", phase: .forward,
            commands: [
                OutboxCommand(index: 2, pattern: "p", logfile: "/var/log/x", command: "a\tb", paths: []),
                OutboxCommand(index: 3, pattern: "p", logfile: nil, command: "t", paths: ["/a"], timeoutMillis: 60_000),
            ])
        #expect(try OutboxFile.decode(outbox.encode(), file: "outbox") == outbox)
        #expect(String(decoding: outbox.encode(), as: UTF8.self).contains("\nlimit\t3\t60000\n"))
    }

    @Test("a 'limit' line must follow its command")
    func limitWithoutCommand() {
        let error = #expect(throws: AgentError.self) {
            try OutboxFile.decode(
                Array("confsync-outbox\t1\ndeploy\td\tc\tforward\nlimit\t0\t5\nend\n".utf8), file: "/s/outbox/d")
        }
        #expect(error?.message == "/s/outbox/d:3: 'limit' for command 0, which is not above it")
    }
}
