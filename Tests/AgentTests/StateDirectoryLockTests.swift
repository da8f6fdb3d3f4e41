import Glibc
import Testing

@testable import Agent

/// One agent per state directory: the `flock` on `<state>/lock`.
@Suite("State directory lock")
struct StateDirectoryLockTests {
    @Test("a second holder is refused at once, naming the directory and the holder's PID")
    func secondHolderRefused() throws {
        let box = try Sandbox()
        let first = try StateDirectoryLock.acquire(box.state)
        let refusal = #expect(throws: AgentError.self) { try StateDirectoryLock.acquire(box.state) }
        #expect(refusal?.code == .locked)
        #expect(refusal?.message.contains(box.state) == true)
        #expect(refusal?.message.contains("pid \(getpid())") == true)
        withExtendedLifetime(first) {}
    }

    @Test("the lock goes with its holder")
    func releasedWithHolder() throws {
        let box = try Sandbox()
        do { _ = try StateDirectoryLock.acquire(box.state) }
        let again = try StateDirectoryLock.acquire(box.state)
        #expect(again.directory == box.state)
    }
}
