import GitStore
import Testing

@Suite struct TreeTests {
    @Test func nestedTreesRoundTripAndMatchGit() throws {
        let fixture = try TestRepository()
        let repository = fixture.repository
        var entries = try fixture.entries([
            "etc/squid3/squid.conf": "http_port 3128\n",
            "etc/squid3/conf.d/acl.conf": "acl all src all\n",
            "etc/ha.d/ldirectord.cf": "checktimeout=3\n",
            "README": "managed by confsync\n",
        ])
        entries["usr/local/bin/reload"] = TreeEntry(id: try repository.writeBlob(Array("#!/bin/sh\n".utf8)), mode: .executable)
        entries["etc/squid/current"] = TreeEntry(id: try repository.writeBlob(Array("../squid3".utf8)), mode: .symlink)
        let tree = try repository.writeTree(entries)
        #expect(try repository.readTree(tree) == entries)

        let listing = try fixture.gitLines("ls-tree", "-r", tree.hex)
        let expected = entries.map { path, entry in
            "\(String(entry.mode.rawValue, radix: 8)) blob \(entry.id.hex)\t\(path)"
        }
        #expect(listing.sorted() == expected.sorted())
        let root = try fixture.gitLines("cat-file", "-p", tree.hex)
        #expect(root.count == 3)  // README, etc, usr
        #expect(root.contains { $0.hasPrefix("040000 tree ") && $0.hasSuffix("\tetc") })
    }

    @Test func sortsEntriesTheWayGitDoes() throws {
        let fixture = try TestRepository()
        // A directory sorts as "foo/": after "foo-bar" and "foo.txt", before "foo0".
        let entries = try fixture.entries(["foo/x": "1", "foo.txt": "2", "foo-bar": "3", "foo0": "4", "Foo": "5", "é": "6"])
        let tree = try fixture.repository.writeTree(entries)
        let listing = try fixture.git("ls-tree", tree.hex)
        #expect(try GitCLI.run(["-C", fixture.path, "mktree"], input: Array(listing.utf8)) == tree.hex + "\n")
        try fixture.git("fsck", "--strict", "--no-dangling")
    }

    @Test func theSameEntriesGiveTheSameTree() throws {
        let fixture = try TestRepository()
        let entries = try fixture.entries(["b/x": "1", "a": "2", "b/y/z": "3"])
        #expect(try fixture.repository.writeTree(entries) == fixture.repository.writeTree(entries))
    }

    @Test func anEmptyMapIsTheEmptyTree() throws {
        let fixture = try TestRepository()
        let tree = try fixture.repository.writeTree([:])
        #expect(tree.hex == "4b825dc642cb6eb9a060e54bf8d69288fbee4904")
        #expect(try fixture.repository.readTree(tree).isEmpty)
    }

    @Test(arguments: [
        "", "/etc/passwd", "etc//passwd", "etc/", "./etc", "etc/./x", "etc/../x", "..", ".git/config", "a/.GIT/x",
        "nul\u{0}byte",
    ])
    func rejectsInvalidPaths(_ path: String) throws {
        let fixture = try TestRepository()
        let entry = TreeEntry(id: try fixture.repository.writeBlob([1]), mode: .blob)
        let error = #expect(throws: GitError.self) { try fixture.repository.writeTree([path: entry]) }
        #expect(error?.code == .invalid)
        #expect(error?.message.contains("invalid tree path") == true)
    }

    @Test(arguments: ["a", ".a", "..a", "a..", "...", ".gitignore", "x/.git2", "a b/c", "ü/ß", "x/.Gitx"])
    func acceptsUnusualButValidPaths(_ path: String) throws {
        let fixture = try TestRepository()
        let entry = TreeEntry(id: try fixture.repository.writeBlob([1]), mode: .blob)
        let tree = try fixture.repository.writeTree([path: entry])
        #expect(try fixture.repository.readTree(tree) == [path: entry])
        #expect(try fixture.gitLines("ls-tree", "-r", "-z", "--name-only", tree.hex) == [path + "\0"])
        try fixture.git("fsck", "--strict", "--no-dangling")
    }

    @Test func aNameCannotBeBothFileAndDirectory() throws {
        let fixture = try TestRepository()
        let entries = try fixture.entries(["etc/squid3": "file", "etc/squid3/squid.conf": "nested"])
        let error = #expect(throws: GitError.self) { try fixture.repository.writeTree(entries) }
        #expect(error?.code == .invalid)
    }

    @Test func entriesMustPointAtExistingObjects() throws {
        let fixture = try TestRepository()
        let missing = try Repository.blobID(of: Array("not stored".utf8))
        let error = #expect(throws: GitError.self) {
            try fixture.repository.writeTree(["etc/missing.conf": TreeEntry(id: missing, mode: .blob)])
        }
        #expect(error?.code == .notFound)
        #expect(error?.message.contains("etc/missing.conf") == true)
    }

    @Test func looksUpSingleEntries() throws {
        let fixture = try TestRepository()
        let entries = try fixture.entries(["etc/squid3/squid.conf": "x\n", "etc/hosts": "y\n"])
        let tree = try fixture.repository.writeTree(entries)
        #expect(try fixture.repository.entry(at: "etc/hosts", inTree: tree) == entries["etc/hosts"])
        #expect(try fixture.repository.entry(at: "etc/squid3/squid.conf", inTree: tree) == entries["etc/squid3/squid.conf"])
        #expect(try fixture.repository.entry(at: "etc/squid3", inTree: tree) == nil)
        #expect(try fixture.repository.entry(at: "etc/nothing", inTree: tree) == nil)
        #expect(try fixture.repository.entry(at: "etc/hosts/below", inTree: tree) == nil)
        let error = #expect(throws: GitError.self) { try fixture.repository.entry(at: "/etc/hosts", inTree: tree) }
        #expect(error?.code == .invalid)
    }

    @Test func readingAMissingTreeIsNotFound() throws {
        let fixture = try TestRepository()
        let blob = try fixture.repository.writeBlob([1, 2, 3])
        let missing = try Repository.blobID(of: [9])
        #expect(throws: GitError.self) { try fixture.repository.readTree(blob) }
        let error = #expect(throws: GitError.self) { try fixture.repository.readTree(missing) }
        #expect(error?.code == .notFound)
    }

    @Test func tenThousandEntriesRoundTrip() throws {
        let fixture = try TestRepository()
        var entries: [String: TreeEntry] = [:]
        let blobs = try (0..<50).map { try fixture.repository.writeBlob(Array("content \($0)\n".utf8)) }
        for index in 0..<10_000 {
            let path = "srv/d\(index % 20)/e\(index % 7)/file\(index).conf"
            entries[path] = TreeEntry(id: blobs[index % blobs.count], mode: index % 10 == 0 ? .executable : .blob)
        }
        let tree = try fixture.repository.writeTree(entries)
        #expect(try fixture.repository.readTree(tree) == entries)
        #expect(try fixture.gitLines("ls-tree", "-r", "--name-only", tree.hex).count == 10_000)
    }
}
