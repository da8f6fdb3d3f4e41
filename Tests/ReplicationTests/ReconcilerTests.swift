import Director
import GitStore
import TestSupport
import Testing
@testable import Replication

/// The local half of `reconcile` (the commit it writes), and how mains relate, on one repository
/// holding both heads as a fetch leaves it.
@Suite struct ReconcilerTests {
    let main = ReplicatedRef.mainName

    /// A repository with base <- ours (main) and base <- theirs (stored, unreferenced).
    func diverged() throws -> (ScratchDirector, base: ObjectID, ours: ObjectID, theirs: ObjectID) {
        let d1 = try ScratchDirector(host: "d1")
        let base = try d1.commit(["etc/a": "1\n", "etc/b": "1\n"], parents: [], ref: main)
        let theirs = try d1.commit(["etc/a": "1\n", "etc/b": "theirs\n"], parents: [base], message: "on d2")
        let ours = try d1.commit(["etc/a": "ours\n", "etc/b": "1\n"], parents: [base], message: "on d1", ref: main)
        return (d1, base, ours, theirs)
    }

    @Test(arguments: [Resolution.ours, .theirs])
    func takingOneSideKeepsTheOtherNamedAndBothInHistory(_ side: Resolution) throws {
        let (d1, _, ours, theirs) = try diverged()
        let rule = ConflictRule(groups: [], host: "d1", peer: "d2")
        let divergence = try Divergence.read(d1.director, peer: "d2", ours: ours, theirs: theirs, rule: rule)
        #expect(divergence.onlyHere.map(\.id) == [ours] && divergence.onlyThere.map(\.id) == [theirs])
        #expect(divergence.conflicts.isEmpty)

        let outcome = try Reconciler(director: d1.director).settle(divergence, take: side, author: ScratchDirector.author)
        let commit = try d1.repository.commit(try #require(try d1.repository.reference(main)))
        #expect(commit.id == outcome.commit.id)
        #expect(commit.parents == [ours, theirs])
        let taken = side == .ours ? ours : theirs
        #expect(commit.tree == (try d1.repository.commit(taken)).tree)
        let kept = try #require(outcome.keptRef)
        #expect(kept.hasPrefix("refs/confsync/diverged/" + (side == .ours ? "d2-" : "d1-")))
        #expect(try d1.repository.reference(kept) == (side == .ours ? theirs : ours))
        #expect(outcome.changes.map(\.path) == (side == .ours ? [] : ["/etc/a", "/etc/b"]))
        #expect(commit.message.contains("take \(side.rawValue)"))
    }

    @Test func withoutAutoAndWithoutTakeNothingIsWritten() throws {
        let (d1, _, ours, theirs) = try diverged()
        let divergence = try Divergence.read(
            d1.director, peer: "d2", ours: ours, theirs: theirs, rule: ConflictRule(groups: [], host: "d1", peer: "d2"))
        #expect(throws: ReplicationError.self) {
            try Reconciler(director: d1.director).settle(divergence, take: nil, author: ScratchDirector.author)
        }
        #expect(try d1.repository.reference(main) == ours)
        #expect(try d1.repository.references(matching: "refs/confsync/*").isEmpty)
    }

    @Test func relations() throws {
        let (d1, base, ours, theirs) = try diverged()
        let next = try d1.commit(["etc/a": "ours 2\n", "etc/b": "1\n"], parents: [ours])
        let repository = d1.repository
        #expect(try CommitCounter.relation(repository, here: ours, there: ours) == .same)
        #expect(try CommitCounter.relation(repository, here: next, there: base) == .peerBehind(2))
        #expect(try CommitCounter.relation(repository, here: base, there: next) == .peerAhead(2))
        #expect(try CommitCounter.relation(repository, here: next, there: nil) == .peerBehind(3))
        #expect(
            try CommitCounter.relation(repository, here: next, there: theirs) == .diverged(here: 2, there: 1, base: base))
        let unknown = try #require(ObjectID(hex: String(repeating: "ab", count: 20)))
        #expect(try CommitCounter.relation(repository, here: next, there: unknown) == .unknown)
    }
}
