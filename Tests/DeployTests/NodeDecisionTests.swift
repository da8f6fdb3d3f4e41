import Director
import GitStore
import Testing
import Wire

@testable import Deploy

/// What a deploy decides about a node from its answer, without a node or a repository.
struct NodeDecisionTests {
    static let target = String(repeating: "a", count: 40)
    static let older = String(repeating: "b", count: 40)

    static func state(at commit: String?, busy: Bool = false, pending: Int = 0) -> NodeState {
        NodeState(
            commit: commit, manifest: [], busy: busy, lastDeploy: nil,
            pendingActions: (0..<pending).map {
                PendingAction(pattern: "/etc/squid3/squid.conf", command: "reload \($0)", deployID: "d1", exitStatus: 1, at: 0)
            })
    }

    static func options(_ change: (inout DeployOptions) -> Void = { _ in }) -> DeployOptions {
        var options = DeployOptions(user: "root")
        change(&options)
        return options
    }

    static func changeSet(files: Int) throws -> NodeChangeSet {
        let id = try #require(ObjectID(hex: String(repeating: "c", count: 40)))
        let file = ManagedFile(entry: TreeEntry(id: id, mode: .blob), attributes: FileAttributes(mode: 0o644, owner: "root", group: "root"))
        return NodeChangeSet(changes: (0..<files).map { FileChange(path: "/etc/f\($0)", old: nil, new: file) }, actions: [])
    }

    @Test func aBusyNodeIsLeftWhateverItsCommit() {
        #expect(NodeDecision.gate(state: Self.state(at: Self.older, busy: true), target: Self.target, options: Self.options()) == .busy)
        #expect(NodeDecision.gate(state: Self.state(at: Self.target, busy: true), target: Self.target, options: Self.options()) == .busy)
    }

    @Test func aNodeAtTheTargetIsUpToDateUnlessSomethingIsPendingOrForced() {
        let at = Self.state(at: Self.target)
        #expect(NodeDecision.gate(state: at, target: Self.target, options: Self.options()) == .upToDate)
        #expect(NodeDecision.gate(state: Self.state(at: Self.target, pending: 1), target: Self.target, options: Self.options()) == .plan)
        #expect(NodeDecision.gate(state: at, target: Self.target, options: Self.options { $0.full = true }) == .plan)
        #expect(NodeDecision.gate(state: at, target: Self.target, options: Self.options { $0.overwriteDrift = true }) == .plan)
        // --force alone does not touch a node already there.
        #expect(NodeDecision.gate(state: at, target: Self.target, options: Self.options { $0.force = true }) == .upToDate)
    }

    @Test func aNodeElsewhereOrEmptyIsPlanned() {
        #expect(NodeDecision.gate(state: Self.state(at: Self.older), target: Self.target, options: Self.options()) == .plan)
        #expect(NodeDecision.gate(state: Self.state(at: nil), target: Self.target, options: Self.options()) == .plan)
    }

    @Test func aCommitThisRepositoryLacksIsNoted() throws {
        let note = try #require(NodeDecision.foreignCommitNote(node: "node1", state: Self.state(at: Self.older), baseKnown: false))
        #expect(note.hasPrefix("node1 is at bbbbbbb, a commit this repository does not have"))
        #expect(NodeDecision.foreignCommitNote(node: "node1", state: Self.state(at: Self.older), baseKnown: true) == nil)
        #expect(NodeDecision.foreignCommitNote(node: "node1", state: Self.state(at: nil), baseKnown: false) == nil, "an empty node")
    }

    @Test func theVerdictWithTheChanges() throws {
        let none = try Self.changeSet(files: 0)
        let some = try Self.changeSet(files: 2)
        let at = Self.state(at: Self.target)
        #expect(NodeDecision.verdict(changes: none, state: at, target: Self.target, options: Self.options()) == .upToDate)
        #expect(NodeDecision.verdict(changes: some, state: at, target: Self.target, options: Self.options()) == .send)
        #expect(NodeDecision.verdict(changes: some, state: at, target: Self.target, options: Self.options { $0.dryRun = true }) == .planned)
        // Nothing to write, but the node is behind (a commit that changed nothing it manages)
        // or has actions pending: an apply moves it and runs them.
        #expect(NodeDecision.verdict(changes: none, state: Self.state(at: Self.older), target: Self.target, options: Self.options()) == .send)
        let pending = Self.state(at: Self.target, pending: 1)
        #expect(NodeDecision.verdict(changes: none, state: pending, target: Self.target, options: Self.options()) == .send)
        #expect(
            NodeDecision.verdict(changes: none, state: pending, target: Self.target, options: Self.options { $0.dryRun = true })
                == .planned)
    }
}
