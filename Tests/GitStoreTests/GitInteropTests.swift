import Foundation
import GitStore
import Testing

@Suite struct GitInteropTests {
    @Test func everythingWrittenPassesStrictFsck() throws {
        let history = try MergedHistory()
        let fixture = history.fixture
        let repository = fixture.repository
        var entries = try fixture.entries(["etc/squid3/squid.conf": "http_port 3128\n", "etc/ha.d/ldirectord.cf": "x\n"])
        entries["usr/local/bin/reload"] = TreeEntry(id: try repository.writeBlob(Array("#!/bin/sh\n".utf8)), mode: .executable)
        entries["etc/squid"] = TreeEntry(id: try repository.writeBlob(Array("squid3".utf8)), mode: .symlink)
        let tip = try fixture.commit(entries: entries, message: "rich tree\n", parents: [history.merge2])
        try repository.setNote(on: tip, ref: "refs/notes/confsync-deploys", text: "ok\n", author: People.bob(), overwrite: false)
        try repository.updateReference("refs/confsync/nodes/squid1", to: history.sideA, expected: nil, message: "deploy")
        try fixture.git("fsck", "--strict", "--no-dangling", "--no-progress")
        #expect(try fixture.gitLines("log", "--format=%H", "main").count == 9)
    }

    @Test func readsACommitPushedByGit() throws {
        let fixture = try TestRepository()
        let base = try fixture.commit(["etc/hosts": "127.0.0.1 localhost\n", "etc/squid3/squid.conf": "http_port 3128\n"])
        let work = fixture.scratch.path("work")
        try GitCLI.run(["clone", "-q", fixture.path, work])
        try Data("http_port 8080\n".utf8).write(to: URL(fileURLWithPath: work + "/etc/squid3/squid.conf"))
        try Data("acl all src all\n".utf8).write(to: URL(fileURLWithPath: work + "/etc/squid3/acl.conf"))
        try GitCLI.run(["-C", work, "add", "-A"])
        try GitCLI.run(["-C", work, "commit", "-q", "-m", "Move squid to 8080"])
        try GitCLI.run(["-C", work, "push", "-q", "origin", "main"])
        let pushed = try GitCLI.run(["-C", work, "rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)

        let repository = fixture.repository  // the instance opened before the push
        let head = try #require(try repository.headCommitID())
        #expect(head.hex == pushed)
        let commit = try repository.commit(head)
        #expect(commit.parents == [base])
        #expect(commit.summary == "Move squid to 8080")
        #expect(commit.author.name == "Git CLI")
        let tree = try repository.readTree(commit.tree)
        #expect(tree.keys.sorted() == ["etc/hosts", "etc/squid3/acl.conf", "etc/squid3/squid.conf"])
        let changes = try repository.diff(from: repository.commit(base).tree, to: commit.tree)
        #expect(changes.map(\.path) == ["etc/squid3/acl.conf", "etc/squid3/squid.conf"])
        #expect(changes.map(\.status) == [.added, .modified])
        let squid = try #require(tree["etc/squid3/squid.conf"])
        #expect(try repository.readBlob(squid.id) == Array("http_port 8080\n".utf8))
        #expect(try Repository.open(at: fixture.path).log(from: head).map(\.id) == [head, base])
    }
}
