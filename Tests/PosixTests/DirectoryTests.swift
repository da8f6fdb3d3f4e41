import Glibc
import Posix
import TestSupport
import Testing

/// Entries of an open directory, never followed through a symlink.
struct DirectoryTests {
    @Test("a symlink or a file where a directory should be is refused, a missing one is nil")
    func refusals() throws {
        let temporary = try TemporaryDirectory()
        let directory = try Directory.open(temporary.path)
        try directory.createSymlink("link", target: Array("/".utf8))
        try directory.writeAtomically("file", [1])
        let link = #expect(throws: PosixError.self) { try directory.subdirectory("link") }
        #expect(link?.code == .refused)
        #expect(link?.message == "\(temporary.path("link")) is a symlink")
        let file = #expect(throws: PosixError.self) { try directory.subdirectory("file") }
        #expect(file?.code == .refused)
        #expect(file?.message == "\(temporary.path("file")) is not a directory")
        #expect(try directory.subdirectory("missing") == nil)
    }

    @Test("a link target that is empty or holds a NUL is an invalid argument")
    func invalidLinkTarget() throws {
        let temporary = try TemporaryDirectory()
        let directory = try Directory.open(temporary.path)
        for target in [[], [UInt8(ascii: "a"), 0]] {
            let error = #expect(throws: PosixError.self) { try directory.createSymlink("l", target: target) }
            #expect(error?.code == .invalid)
        }
    }

    @Test("openCreating makes the missing parents and opens an existing directory as it is")
    func openCreating() throws {
        let temporary = try TemporaryDirectory()
        let deep = temporary.path("x/y/z")
        let made = try Directory.openCreating(deep, mode: 0o700)
        #expect(made.path == deep)
        #expect(try made.status().mode == 0o700)
        #expect(try Directory.openCreating(temporary.path, mode: 0o700).status().mode == 0o755)
    }

    @Test("a failed call names the operation and the path, with errno's text")
    func failureMessage() {
        let error = PosixError.failure("rename", "/a -> b", errno: ENOENT)
        #expect(error.message == "rename /a -> b: No such file or directory")
        #expect(error.description == error.message)
        #expect(error.errno == ENOENT)
        #expect(PosixError.text(EACCES) == "Permission denied")
    }
}
