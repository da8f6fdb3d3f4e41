import Glibc
import Posix
import TestSupport
import Testing

/// The one whole-file read and the one atomic write.
struct WholeFileTests {
    @Test("an atomic write replaces the content, with the mode asked for")
    func replacesContentWithMode() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("a.conf")
        try WholeFile.write(Array("one\n".utf8), to: path, mode: 0o640)
        #expect(try WholeFile.read(path) == Array("one\n".utf8))
        #expect(try Self.status(path).mode == 0o640)
        try WholeFile.write(Array("two\n".utf8), to: path, mode: 0o604)
        #expect(try WholeFile.read(path) == Array("two\n".utf8))
        #expect(try Self.status(path).mode == 0o604)
        #expect(try Self.names(directory.path) == ["a.conf"])
    }

    @Test("an atomic write sets the owner and group asked for, and leaves them when not asked")
    func setsOwner() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("owned")
        // Another owner only when allowed to give files away (root); else our own ids.
        let (uid, gid) = getuid() == 0 ? (UInt32(1), UInt32(2)) : (getuid(), getgid())
        try WholeFile.write([1, 2, 3], to: path, mode: 0o600, uid: uid, gid: gid)
        var status = try Self.status(path)
        #expect((status.uid, status.gid, status.mode) == (uid, gid, 0o600))
        try WholeFile.write([4], to: path, mode: 0o600, gid: gid)
        status = try Self.status(path)
        #expect((status.uid, status.gid) == (getuid(), gid))
    }

    @Test("a failed atomic write leaves the target as it was and no temporary file")
    func failureLeavesNoTemporaryFile() throws {
        let directory = try TemporaryDirectory()
        // A non-empty directory where the file should go: the rename fails.
        let target = directory.path("busy")
        #expect(mkdir(target, 0o755) == 0)
        try WholeFile.write([1], to: target + "/inside", mode: 0o644)
        let error = #expect(throws: PosixError.self) {
            try WholeFile.write(Array("new".utf8), to: target, mode: 0o644)
        }
        #expect(error?.operation == "rename")
        #expect(error?.errno == EISDIR)
        #expect(try Self.names(directory.path) == ["busy"])
        #expect(try Self.names(target) == ["inside"])
    }

    @Test("a failed write through a directory leaves no temporary file either")
    func directoryFailureLeavesNoTemporaryFile() throws {
        let directory = try TemporaryDirectory()
        let open = try Directory.open(directory.path)
        #expect(mkdir(directory.path("taken"), 0o755) == 0)
        #expect(throws: PosixError.self) { try open.writeAtomically("taken", [1, 2], mode: 0o600) }
        #expect(try Self.names(directory.path) == ["taken"])
        try open.writeAtomically("state", [3], mode: nil)
        #expect(try open.readFile("state") == [3])
        #expect(try Self.names(directory.path) == ["state", "taken"])
    }

    @Test("missing parents are created, unless told not to")
    func parents() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("a/b/c.conf")
        let refused = #expect(throws: PosixError.self) {
            try WholeFile.write([1], to: path, mode: 0o644, creatingDirectories: false)
        }
        #expect(refused?.errno == ENOENT)
        #expect(refused?.message == "open directory \(directory.path("a/b")): \(PosixError.text(ENOENT))")
        try WholeFile.write([1], to: path, mode: 0o644, durable: false)
        #expect(try WholeFile.read(path) == [1])
        #expect(try Self.status(directory.path("a/b")).kind == .directory)
    }

    @Test("a symbolic link replaces what was there, atomically")
    func symlink() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("link")
        try WholeFile.write([1], to: path, mode: 0o644)
        try WholeFile.symlink("target/../x", at: path)
        #expect(try Directory.open(directory.path).readLink("link") == Array("target/../x".utf8))
        #expect(try Self.names(directory.path) == ["link"])
    }

    @Test("a whole read: empty, larger than a read's chunk, and a /proc file of size 0")
    func read() throws {
        let directory = try TemporaryDirectory()
        var generator = SplitMix64(seed: 7)
        for size in [0, 1, 4096, 65536, 200_001] {
            let bytes = generator.bytes(size)
            try WholeFile.write(bytes, to: directory.path("f\(size)"), mode: 0o644)
            #expect(try WholeFile.read(directory.path("f\(size)")) == bytes)
        }
        #expect(try !WholeFile.read("/proc/self/stat").isEmpty)
        let missing = #expect(throws: PosixError.self) { try WholeFile.read(directory.path("missing")) }
        #expect(missing?.message == "open \(directory.path("missing")): \(PosixError.text(ENOENT))")
        #expect(missing?.code == .failed)
    }

    private static func status(_ path: String) throws -> FileStatus {
        try FileDescriptor.open(path, flags: O_RDONLY | O_NOFOLLOW).status()
    }

    private static func names(_ path: String) throws -> [String] {
        try Directory.open(path).entries().sorted()
    }
}
