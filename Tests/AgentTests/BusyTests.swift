import Dispatch
import Foundation
import Synchronization
import Testing

@testable import Agent

@Suite("One apply at a time")
struct BusyTests {
    @Test("calls during an apply throw busy at once; the apply finishes")
    func concurrentApply() throws {
        let box = try Sandbox()
        let reached = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let engine = try box.engine(faultPoint: { step in
            if step == .staged {
                reached.signal()
                release.wait()
            }
            return false
        })
        let finished = DispatchSemaphore(value: 0)
        let first = Mutex<Result<ApplyReport, any Error>?>(nil)
        let thread = Thread {
            let result = Result {
                try engine.apply(Requests.request("d1", from: nil, to: "c1", [Requests.put("/etc/a", "a")]))
            }
            first.withLock { $0 = result }
            finished.signal()
        }
        thread.start()
        reached.wait()
        for call in [
            { _ = try engine.apply(Requests.request("d2", from: nil, to: "c2", [Requests.put("/etc/b", "b")])) },
            { _ = try engine.recover() }, { _ = try engine.drift() },
        ] {
            let error = try #require(throws: AgentError.self) { try call() }
            #expect(error.code == .busy)
        }
        #expect(try engine.state().commit == nil)
        release.signal()
        finished.wait()
        #expect(try first.withLock { $0 }?.get().status == .applied)
        #expect(try engine.state().commit == "c1")
        #expect(!box.exists("/etc/b"))
    }
}
