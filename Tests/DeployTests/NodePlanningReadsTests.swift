import Director
import GitStore
import Testing
import Wire

@testable import Deploy

/// Planning reads the repository once per deploy, however many nodes need the same thing:
/// the changes from a commit the nodes have, the target's tree, each blob.
@Suite struct NodePlanningReadsTests {
    let fixture: PlanningFixture
    let source = FakePlanningSource()
    let target: Commit
    let base: Commit
    let content = Array("http_port 3128\n".utf8)

    init() throws {
        fixture = try PlanningFixture()
        target = try PlanningFixture.commit("a")
        base = try PlanningFixture.commit("b")
        let other = try PlanningFixture.commit("c")
        source.commits = [target.id: target, base.id: base, other.id: other]
        let squid = Director.FileChange(
            path: "/etc/squid/squid.conf", old: try PlanningFixture.file("1"), new: try PlanningFixture.file("2"))
        source.changes = [base.id: [squid], other.id: [squid]]
        source.trees = [target.id: ManagedTree(files: ["/etc/squid/squid.conf": try PlanningFixture.file("2")])]
        source.blobs = [try PlanningFixture.id("2"): content]
    }

    /// The apply for each of the nodes, at the commits given, planned in one deploy.
    func plan(_ nodes: [(name: String, commit: String)], planning: inout NodePlanning) throws -> [PlannedApply] {
        try nodes.map { node in
            try #require(planning.plan(try fixture.target(node.name), node: FakePlanningNode(commit: node.commit)).sent)
        }
    }

    @Test func aBlobIsReadOnceForTwoNodes() throws {
        var planning = fixture.planning(source, target: target)
        let planned = try plan([("cache1", base.id.hex), ("cache2", base.id.hex)], planning: &planning)
        let id = try PlanningFixture.id("2")
        #expect(source.blobsRead == [id])
        #expect(planning.blobs == [id: content])
        #expect(planned.map(\.blobIDs) == [[id], [id]])
        #expect(planned.map(\.apply.changes.count) == [1, 1])
        #expect(planned.map(\.apply.director) == ["lvs1", "lvs1"])
        #expect(planned.map(\.apply.deployID) == ["d1-test", "d1-test"])
        #expect(planned.map(\.apply.fromCommit) == [base.id.hex, base.id.hex])
        #expect(planned.map(\.apply.toCommit) == [target.id.hex, target.id.hex])
    }

    @Test func theChangesFromACommitAreComputedOnceForTwoNodes() throws {
        var planning = fixture.planning(source, target: target)
        _ = try plan([("cache1", base.id.hex), ("cache2", base.id.hex)], planning: &planning)
        #expect(source.changesAsked == [base.id])
        // A node at another commit has its own changes.
        _ = try plan([("cache1", try PlanningFixture.id("c").hex)], planning: &planning)
        #expect(source.changesAsked == [base.id, try PlanningFixture.id("c")])
    }

    @Test func theTargetTreeIsReadOnceForTwoNodesKnownByTheirManifests() throws {
        var planning = fixture.planning(source, target: target)
        let foreign = try PlanningFixture.id("f").hex
        let planned = try plan([("cache1", foreign), ("cache2", foreign)], planning: &planning)
        #expect(source.treesAsked == [target.id])
        #expect(planned.map(\.outcome.changes.count) == [1, 1])
    }
}
