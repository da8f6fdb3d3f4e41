import Glibc
import Posix
import Testing

/// What /proc says about a process, read from /proc/PID/stat.
struct ProcessTableTests {
    @Test("/proc/PID/stat is read from its last parenthesis")
    func parse() throws {
        let line = Array("4242 (a (b) c) S 1 4240 4200 0 -1 4194560 1 2 3 4 5 6 7 8 20 0 1 0 987654 1 2 3\n".utf8)
        let entry = try #require(ProcessTable.parse(line, pid: 4242))
        #expect(entry == ProcessTable.Entry(pid: 4242, state: UInt8(ascii: "S"), group: 4240, session: 4200, startTime: 987654))
        #expect(ProcessTable.entry(getpid())?.session == getsid(0))
        #expect(!ProcessTable.bootID().isEmpty)
    }
}
