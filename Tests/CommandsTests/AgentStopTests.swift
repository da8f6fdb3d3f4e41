import Foundation
import Testing

/// An agent stops on SIGTERM however soon after its start the signal comes: the handlers
/// that end its running action first are in place before it says it is listening, and a
/// signal before that still stops it (it has nothing running yet).
@Suite(.serialized)
struct AgentStopTests {
    @Test func aSigtermRightAfterTheStartStopsTheAgent() throws {
        let cluster = try TestCluster(nodes: ["node1"])
        defer { cluster.shutdown() }
        for round in 0..<20 {
            #expect(cluster.stopAgent("node1", signal: SIGTERM, within: 10), "round \(round): the agent went on after SIGTERM")
            try cluster.startAgent("node1")
        }
    }
}
