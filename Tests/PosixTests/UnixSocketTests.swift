import Foundation
import Glibc
import Posix
import TestSupport
import Testing

/// Lines over a unix socket, the peer's credentials, and the kernel's change notifications.
struct UnixSocketTests {
    @Test("a line goes and comes back; the listener sees the connecting process's ids")
    func linesAndCredentials() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("s.sock")
        let listener = try UnixSocket.listen(at: path, mode: 0o600)
        let client = try UnixSocket.connect(to: path)
        let server = try #require(try listener.accept())
        let peer = try server.peer()
        #expect((peer.uid, peer.gid, peer.pid) == (getuid(), getgid(), getpid()))
        try client.writeLine("hello")
        #expect(try server.readLine() == "hello")
        try server.writeLine("one\ntwo")
        #expect(try client.readLine() == "one")
        #expect(try client.readLine() == "two")
        #expect(try Directory.open(directory.path).entries() == ["s.sock"])
    }

    @Test("a line longer than the limit and a socket path too long are invalid")
    func limits() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("s.sock")
        let listener = try UnixSocket.listen(at: path, mode: 0o600)
        let client = try UnixSocket.connect(to: path)
        let server = try #require(try listener.accept())
        // 100 bytes and no newline yet: more than the limit of a line.
        let bytes = [UInt8](repeating: UInt8(ascii: "x"), count: 100)
        #expect(bytes.withUnsafeBytes { write(client.fd, $0.baseAddress, $0.count) } == 100)
        let long = #expect(throws: PosixError.self) { try server.readLine(limit: 10) }
        #expect(long?.code == .invalid)
        let tooLong = #expect(throws: PosixError.self) {
            try UnixSocket.connect(to: "/" + String(repeating: "a", count: 200))
        }
        #expect(tooLong?.code == .invalid)
        let missing = #expect(throws: PosixError.self) { try UnixSocket.connect(to: directory.path("none")) }
        #expect(missing?.errno == ENOENT)
    }

    @Test("a file written in a watched directory is an event naming it")
    func inotify() throws {
        let directory = try TemporaryDirectory()
        let watch = try Inotify()
        #expect(watch.watch(directory.path, recursive: true))
        try WholeFile.write([1], to: directory.path("a.conf"), mode: 0o644)
        #expect(watch.waitReadable(milliseconds: 2000))
        let paths = Set(watch.readEvents().map(\.path))
        #expect(paths.contains(directory.path("a.conf")))
    }
}
