import Foundation
import Testing

/// The director service stops on SIGTERM however soon after its socket appears (its signal
/// sources are in place before it serves; see SignalSources).
@Suite(.serialized)
struct ServiceStopTests {
    @Test func aSigtermRightAfterTheStartStopsTheService() throws {
        let cluster = try TestCluster(nodes: ["node1"])
        defer { cluster.shutdown() }
        #expect(try cluster.commit("first").status == 0)
        for round in 0..<10 {
            let serve = try ServiceTests.Serve(cluster)
            kill(serve.process.processIdentifier, SIGTERM)
            let deadline = Date().addingTimeInterval(10)
            while serve.process.isRunning && Date() < deadline { usleep(2_000) }
            #expect(!serve.process.isRunning, "round \(round): the service went on after SIGTERM")
            if serve.process.isRunning { kill(serve.process.processIdentifier, SIGKILL) }
            serve.process.waitUntilExit()
            try? FileManager.default.removeItem(atPath: serve.socket)
        }
    }
}
