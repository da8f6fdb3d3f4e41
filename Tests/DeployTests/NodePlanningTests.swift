import Director
import GitStore
import Testing
import Transport
import Wire

@testable import Deploy

/// What a deploy decides for a node from its answer and the repository's content, with a
/// fake repository and node (no libgit2, no network): the target is commit a, which the
/// director has; b is a commit it has too, f one it does not (another director's).
@Suite struct NodePlanningTests {
    let fixture: PlanningFixture
    let source = FakePlanningSource()
    let target: Commit
    let base: Commit
    let squid: Director.FileChange

    init() throws {
        fixture = try PlanningFixture()
        target = try PlanningFixture.commit("a")
        base = try PlanningFixture.commit("b")
        squid = Director.FileChange(
            path: "/etc/squid/squid.conf", old: try PlanningFixture.file("1"), new: try PlanningFixture.file("2"))
        source.commits = [target.id: target, base.id: base]
        // /etc/hosts is not the nodes' (their group includes /etc/squid only).
        let hosts = Director.FileChange(path: "/etc/hosts", old: nil, new: try PlanningFixture.file("4"))
        source.changes = [base.id: [hosts, squid]]
        source.trees = [
            target.id: ManagedTree(files: [
                "/etc/squid/squid.conf": try PlanningFixture.file("2"), "/etc/squid/mime.conf": try PlanningFixture.file("3"),
                "/etc/hosts": try PlanningFixture.file("4"),
            ])
        ]
        source.blobs = [
            try PlanningFixture.id("2"): Array("http_port 3128\n".utf8), try PlanningFixture.id("3"): Array("mime\n".utf8),
            try PlanningFixture.id("4"): Array("127.0.0.1 localhost\n".utf8),
        ]
    }

    func plan(_ node: String, at commit: String?, busy: Bool = false, _ change: (inout DeployOptions) -> Void = { _ in })
        throws -> NodePlanning.Decision
    {
        var planning = fixture.planning(source, target: target, change)
        return planning.plan(try fixture.target(node), node: FakePlanningNode(commit: commit, busy: busy))
    }

    @Test(arguments: [
        (TransportError(.connectFailed, "connection refused") as any Error, NodeOutcome.Status.unreachable),
        (TransportError(.timeout, "no answer in 5 s"), .unreachable),
        (TransportError(.untrustedPeer, "cache1 does not trust lvs1"), .failed),
        (DeployError(.notPinned, "cache1 has no fingerprint"), .failed),
    ])
    func aNodeNotOpenedIsUnreachableOnlyWhenItCouldNotBeReached(error: any Error, status: NodeOutcome.Status) throws {
        let planning = fixture.planning(source, target: target)
        let outcome = planning.outcome(try fixture.target("cache1"), notOpened: error)
        #expect(outcome.status == status)
        #expect(outcome.message == "\(error)")
        #expect(outcome.node == "cache1")
        #expect(outcome.toCommit == target.id)
    }

    @Test func aCommitThatIsNotAnIdFailsThatNodeOnly() throws {
        var planning = fixture.planning(source, target: target)
        let bad = planning.plan(try fixture.target("cache1"), node: FakePlanningNode(commit: "not-a-commit"))
        let finished = try #require(bad.finished)
        #expect(finished.outcome.status == .failed)
        #expect(finished.outcome.message.contains("cache1's commit"), "\(finished.outcome.message)")
        #expect(finished.end == .close)
        let good = planning.plan(try fixture.target("cache2"), node: FakePlanningNode(commit: base.id.hex))
        #expect(good.sent?.outcome.node == "cache2")
    }

    @Test func aForeignCommitIsNotedAndPlannedFromTheManifest() throws {
        var planning = fixture.planning(source, target: target)
        let node = FakePlanningNode(commit: try PlanningFixture.id("f").hex)
        node.manifest = [PlanningFixture.manifestEntry("/etc/squid/squid.conf", try PlanningFixture.file("1"))]
        let planned = try #require(planning.plan(try fixture.target("cache1"), node: node).sent)
        #expect(planned.outcome.notes.count == 1)
        #expect(planned.outcome.notes.first?.hasPrefix("cache1 is at fffffff, a commit this repository does not have") == true)
        #expect(node.manifestFetches == 1)
        #expect(source.changesAsked.isEmpty)
        #expect(planned.outcome.changes.map(\.path) == ["/etc/squid/mime.conf", "/etc/squid/squid.conf"])
    }

    @Test func aBusyNodeGetsNothingAndItsSessionIsKept() throws {
        let finished = try #require(try plan("cache1", at: base.id.hex, busy: true).finished)
        #expect(finished.outcome.status == .busy)
        #expect(finished.outcome.message == "another deploy is running on cache1")
        #expect(finished.end == .release)
        #expect(source.changesAsked.isEmpty && source.blobsRead.isEmpty)
    }

    @Test func aNodeAtTheTargetIsUpToDateWithoutReads() throws {
        let finished = try #require(try plan("cache1", at: target.id.hex).finished)
        #expect(finished.outcome.status == .upToDate)
        #expect(finished.outcome.fromCommit == target.id)
        #expect(finished.end == .release)
        #expect(source.changesAsked.isEmpty && source.treesAsked.isEmpty && source.blobsRead.isEmpty)
    }

    @Test func fullComparesWithTheManifestEvenAtAKnownCommit() throws {
        var planning = fixture.planning(source, target: target) { $0.full = true }
        let node = FakePlanningNode(commit: base.id.hex)
        node.manifest = [PlanningFixture.manifestEntry("/etc/squid/squid.conf", try PlanningFixture.file("2"))]
        let planned = try #require(planning.plan(try fixture.target("cache1"), node: node).sent)
        #expect(planned.outcome.changes.map(\.path) == ["/etc/squid/mime.conf"], "the manifest has squid.conf already")
        #expect(node.manifestFetches == 1)
        #expect(source.changesAsked.isEmpty, "no diff from the node's commit with --full")
        #expect(planned.outcome.notes.isEmpty)
    }

    @Test func aFileTooLargeFailsTheNodeNamingIt() throws {
        source.sizes[try PlanningFixture.id("2")] = FileSizeLimit.maxBytes + 1
        let finished = try #require(try plan("cache1", at: base.id.hex).finished)
        #expect(finished.outcome.status == .failed)
        #expect(finished.outcome.message.hasPrefix("/etc/squid/squid.conf: file is 62914561 bytes;"), "\(finished.outcome.message)")
        #expect(finished.end == .close)
        #expect(source.blobsRead.isEmpty)
    }

    @Test func aDryRunIsPlannedAndReadsNoBlob() throws {
        let finished = try #require(try plan("cache1", at: base.id.hex) { $0.dryRun = true }.finished)
        #expect(finished.outcome.status == .planned)
        #expect(finished.outcome.changes == [squid])
        #expect(finished.outcome.plannedActions.map(\.commands) == [["squid -k reconfigure"]])
        #expect(finished.end == .release)
        #expect(source.blobsRead.isEmpty)
    }

    @Test func overwriteDriftRestoresTheDriftedFilesTheChangesLeaveAlone() throws {
        var planning = fixture.planning(source, target: target) { $0.overwriteDrift = true }
        let node = FakePlanningNode(commit: base.id.hex)
        let drifted = { (path: String, file: ManagedFile) in
            DriftItem(
                path: path, kind: .content, expected: PlanningFixture.manifestEntry(path, file), actualBlobID: nil,
                actualMode: nil, actualOwner: nil, actualGroup: nil, content: nil)
        }
        // squid.conf is in the changes already; /etc/hosts is not the node's.
        node.drifted = [
            drifted("/etc/squid/mime.conf", try PlanningFixture.file("3")),
            drifted("/etc/squid/squid.conf", try PlanningFixture.file("1")), drifted("/etc/hosts", try PlanningFixture.file("4")),
        ]
        let planned = try #require(planning.plan(try fixture.target("cache1"), node: node).sent)
        #expect(planned.outcome.changes.map(\.path) == ["/etc/squid/mime.conf", "/etc/squid/squid.conf"])
        #expect(planned.outcome.changes.first?.old == (try PlanningFixture.file("3")), "what was deployed there")
        #expect(planned.outcome.changes.first?.new == (try PlanningFixture.file("3")), "the target's file")
        #expect(source.treesAsked == [target.id])
    }
}
