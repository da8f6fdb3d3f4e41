import Director
import GitStore
import Testing

@testable import Replication

@Suite struct DeployNotesTests {
    let notes = ReplicatedRef.notesName

    @Test func unionKeepsOurLinesFirstAndEachLineOnce() {
        let ours = Array("a\nb\n".utf8)
        let theirs = Array("b\nc\na\n".utf8)
        #expect(DeployNotes.union(ours, theirs) == Array("a\nb\nc\n".utf8))
        #expect(DeployNotes.union([], Array("x".utf8)) == Array("x\n".utf8))
    }

    @Test func divergedRecordsMergeWithoutLosingOne() throws {
        let d1 = try ScratchDirector(host: "d1")
        let d2 = try ScratchDirector(host: "d2")
        let a = try d1.commit(["etc/a": "1\n"], parents: [], ref: ReplicatedRef.mainName)
        let b = try d1.commit(["etc/a": "2\n"], parents: [a], ref: ReplicatedRef.mainName)
        try d2.copyObjects([b], from: d1)
        let author = ScratchDirector.author
        // Both directors record deploys of a; d1 also of b.
        let early = ScratchDirector.record(node: "n1", at: 100, status: "deployed", to: a, id: "dA")
        let fromD1 = ScratchDirector.record(node: "n1", at: 200, status: "deployed", to: b, from: a, id: "dB")
        let fromD2 = ScratchDirector.record(node: "n2", at: 150, status: "deployed", to: a, id: "dC")
        try d1.repository.setNote(on: a, ref: notes, text: early + "\n", author: author, overwrite: false)
        try d2.copyObjects([try #require(try d1.repository.reference(notes))], from: d1)
        try d2.repository.updateReference(
            notes, to: try #require(try d1.repository.reference(notes)), expected: nil, message: "t")
        try d1.repository.setNote(on: b, ref: notes, text: fromD1 + "\n", author: author, overwrite: false)
        try d2.repository.setNote(
            on: a, ref: notes, text: early + "\n" + fromD2 + "\n", author: author, overwrite: true)

        let theirs = try #require(try d2.repository.reference(notes))
        let ours = try #require(try d1.repository.reference(notes))
        try d1.copyObjects([theirs], from: d2)
        #expect(try DeployNotes.merge(theirs, into: d1.repository, author: author, peer: "d2") == .merged)
        let merged = try #require(try d1.repository.reference(notes))
        #expect(try d1.repository.commit(merged).parents == [ours, theirs])
        #expect(try d1.repository.note(on: a, ref: notes) == early + "\n" + fromD2 + "\n")
        #expect(try d1.repository.note(on: b, ref: notes) == fromD1 + "\n")
        // Merging again changes nothing; the other side now fast-forwards.
        #expect(try DeployNotes.merge(theirs, into: d1.repository, author: author, peer: "d2") == .unchanged)
        try d2.copyObjects([merged], from: d1)
        #expect(try DeployNotes.merge(merged, into: d2.repository, author: author, peer: "d1") == .fastForwarded)

        // Node positions follow the newest record of each node.
        #expect(
            try NodePositions.refresh(d1.repository, peer: "d2").sorted() == [
                "refs/confsync/nodes/n1", "refs/confsync/nodes/n2",
            ])
        #expect(try d1.repository.reference("refs/confsync/nodes/n1") == b)
        #expect(try d1.repository.reference("refs/confsync/nodes/n2") == a)
        #expect(try NodePositions.refresh(d1.repository, peer: "d2").isEmpty)
    }

    @Test func aNodeThatFailedStaysWhereItWas() throws {
        let d1 = try ScratchDirector(host: "d1")
        let a = try d1.commit(["etc/a": "1\n"], parents: [], ref: ReplicatedRef.mainName)
        let b = try d1.commit(["etc/a": "2\n"], parents: [a], ref: ReplicatedRef.mainName)
        let lines = [
            ScratchDirector.record(node: "n1", at: 100, status: "deployed", to: a, id: "d1"),
            ScratchDirector.record(node: "n1", at: 200, status: "failed", to: b, from: a, id: "d2"),
            ScratchDirector.record(node: "n1", at: 300, status: "unreachable", to: b, id: "d3"),
        ]
        try d1.repository.setNote(
            on: b, ref: notes, text: lines.joined(separator: "\n"), author: ScratchDirector.author, overwrite: false)
        _ = try NodePositions.refresh(d1.repository, peer: "d2")
        #expect(try d1.repository.reference("refs/confsync/nodes/n1") == a)
    }
}
