import Director
import GitStore
import Posix
import Testing
import Wire

@testable import Deploy

/// What a deploy decides about a node from its answer, without a node or a repository.
struct NodeDecisionTests {
    let target: ObjectID
    let older: ObjectID

    init() throws {
        target = try ObjectID(parsing: String(repeating: "a", count: 40), "a test id")
        older = try ObjectID(parsing: String(repeating: "b", count: 40), "a test id")
    }

    func state(at commit: ObjectID?, busy: Bool = false, pending: Int = 0) -> NodeState {
        NodeState(
            commit: commit?.hex, manifest: [], busy: busy, lastDeploy: nil,
            pendingActions: (0..<pending).map {
                PendingAction(pattern: "/etc/squid3/squid.conf", command: "reload \($0)", deployID: "d1", exitStatus: 1, at: 0)
            })
    }

    func gate(at commit: ObjectID?, busy: Bool = false, pending: Int = 0, _ change: (inout DeployOptions) -> Void = { _ in })
        -> NodeDecision.Gate
    {
        NodeDecision.gate(
            state: state(at: commit, busy: busy, pending: pending), from: commit, target: target, options: options(change))
    }

    func verdict(_ changes: NodeChangeSet, at commit: ObjectID?, pending: Int = 0, _ change: (inout DeployOptions) -> Void = { _ in })
        -> NodeDecision.Verdict
    {
        NodeDecision.verdict(
            changes: changes, state: state(at: commit, pending: pending), from: commit, target: target, options: options(change))
    }

    func options(_ change: (inout DeployOptions) -> Void) -> DeployOptions {
        var options = DeployOptions(user: "root")
        change(&options)
        return options
    }

    func changeSet(files: Int) throws -> NodeChangeSet {
        let id = try ObjectID(parsing: String(repeating: "c", count: 40), "a test id")
        let file = ManagedFile(entry: TreeEntry(id: id, mode: .blob), attributes: FileAttributes(mode: 0o644, owner: "root", group: "root"))
        return NodeChangeSet(changes: (0..<files).map { FileChange(path: ManagedPath(unchecked: "/etc/f\($0)"), old: nil, new: file) }, actions: [])
    }

    @Test func aBusyNodeIsLeftWhateverItsCommit() {
        #expect(gate(at: older, busy: true) == .busy)
        #expect(gate(at: target, busy: true) == .busy)
    }

    @Test func aNodeAtTheTargetIsUpToDateUnlessSomethingIsPendingOrForced() {
        #expect(gate(at: target) == .upToDate)
        #expect(gate(at: target, pending: 1) == .plan)
        #expect(gate(at: target) { $0.full = true } == .plan)
        #expect(gate(at: target) { $0.overwriteDrift = true } == .plan)
        // --force alone does not touch a node already there.
        #expect(gate(at: target) { $0.force = true } == .upToDate)
    }

    @Test func aNodeElsewhereOrEmptyIsPlanned() {
        #expect(gate(at: older) == .plan)
        #expect(gate(at: nil) == .plan)
    }

    @Test func aCommitThisRepositoryLacksIsNoted() throws {
        let note = try #require(NodeDecision.foreignCommitNote(node: "node1", from: older, baseKnown: false))
        #expect(note.hasPrefix("node1 is at bbbbbbb, a commit this repository does not have"))
        #expect(NodeDecision.foreignCommitNote(node: "node1", from: older, baseKnown: true) == nil)
        #expect(NodeDecision.foreignCommitNote(node: "node1", from: nil, baseKnown: false) == nil, "an empty node")
    }

    @Test func theVerdictWithTheChanges() throws {
        let none = try changeSet(files: 0)
        let some = try changeSet(files: 2)
        #expect(verdict(none, at: target) == .upToDate)
        #expect(verdict(some, at: target) == .send)
        #expect(verdict(some, at: target) { $0.dryRun = true } == .planned)
        // Nothing to write, but the node is behind (a commit that changed nothing it manages)
        // or has actions pending: an apply moves it and runs them.
        #expect(verdict(none, at: older) == .send)
        #expect(verdict(none, at: target, pending: 1) == .send)
        #expect(verdict(none, at: target, pending: 1) { $0.dryRun = true } == .planned)
    }
}
