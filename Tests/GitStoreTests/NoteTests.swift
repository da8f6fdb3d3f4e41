import GitStore
import Testing

@Suite struct NoteTests {
    static let ref = "refs/notes/confsync-deploys"

    @Test func writesReadsAndListsNotes() throws {
        let fixture = try TestRepository()
        let repository = fixture.repository
        let first = try fixture.commit(["a": "1\n"])
        let second = try fixture.commit(["a": "2\n"])
        #expect(try repository.note(on: first, ref: Self.ref) == nil)
        #expect(try repository.notes(ref: Self.ref).isEmpty)

        try repository.setNote(on: second, ref: Self.ref, text: "squid1 ok\n", author: People.bob(), overwrite: false)
        try repository.setNote(on: first, ref: Self.ref, text: "squid1 failed\n", author: People.bob(), overwrite: false)
        #expect(try repository.note(on: second, ref: Self.ref) == "squid1 ok\n")
        #expect(try repository.note(on: first, ref: "refs/notes/other") == nil)
        let listed = try repository.notes(ref: Self.ref)
        #expect(listed.map(\.annotated) == [first, second].sorted())
        #expect(Dictionary(uniqueKeysWithValues: listed.map { ($0.annotated, $0.text) }) == [
            first: "squid1 failed\n", second: "squid1 ok\n",
        ])

        #expect(try fixture.git("notes", "--ref=confsync-deploys", "show", second.hex) == "squid1 ok\n")
        let notesCommit = try #require(try repository.reference(Self.ref))
        #expect(try repository.commit(notesCommit).author == People.bob())
        #expect(try repository.reference("refs/heads/main") == second)
    }

    @Test func overwritingNeedsPermission() throws {
        let fixture = try TestRepository()
        let commit = try fixture.commit(["a": "1\n"])
        try fixture.repository.setNote(on: commit, ref: Self.ref, text: "one", author: People.alice(), overwrite: false)
        let error = #expect(throws: GitError.self) {
            try fixture.repository.setNote(on: commit, ref: Self.ref, text: "two", author: People.alice(), overwrite: false)
        }
        #expect(error?.code == .exists)
        #expect(try fixture.repository.note(on: commit, ref: Self.ref) == "one")
        try fixture.repository.setNote(on: commit, ref: Self.ref, text: "two", author: People.alice(), overwrite: true)
        #expect(try fixture.repository.note(on: commit, ref: Self.ref) == "two")
        #expect(try fixture.repository.notes(ref: Self.ref).count == 1)
    }

    @Test func readsNotesWrittenByGit() throws {
        let fixture = try TestRepository()
        let commit = try fixture.commit(["a": "1\n"])
        try fixture.git("notes", "--ref=confsync-deploys", "add", "-m", "deployed by git", commit.hex)
        #expect(try fixture.repository.note(on: commit, ref: Self.ref) == "deployed by git\n")
    }
}
