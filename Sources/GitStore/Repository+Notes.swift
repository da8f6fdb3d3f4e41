import CGit2

extension Repository {
    /// The note on object `id` under notes reference `ref`
    /// (`refs/notes/confsync-deploys`); nil if there is none.
    public func note(on id: ObjectID, ref: String) throws -> String? {
        var oid = id.oid
        let note: Owned<OpaquePointer>
        do {
            note = try Owned.make("reading note on \(id) in \(ref)", release: git_note_free) {
                git_note_read(&$0, pointer, ref, &oid)
            }
        } catch let error as GitError where error.code == .notFound {
            return nil
        }
        return note.use { git_note_message($0).map { String(cString: $0) } } ?? ""
    }

    /// Attaches `text` to object `id` under `ref`, as a commit on that notes reference made
    /// by `author`. Throws `.exists` if a note is there and `overwrite` is false.
    public func setNote(on id: ObjectID, ref: String, text: String, author: Signature, overwrite: Bool) throws {
        let signature = try author.owned()
        var oid = id.oid
        var noteID = git_oid()
        let rc = signature.use { signature in
            git_note_create(&noteID, pointer, ref, signature, signature, &oid, text, overwrite ? 1 : 0)
        }
        try check(rc, "writing note on \(id) in \(ref)")
    }

    /// Every note under `ref` with the object it annotates, sorted by that object's id;
    /// empty if the notes reference does not exist.
    public func notes(ref: String) throws -> [(annotated: ObjectID, text: String)] {
        let context = "listing notes in \(ref)"
        let iterator: Owned<OpaquePointer>
        do {
            iterator = try Owned.make(context, release: git_note_iterator_free) {
                git_note_iterator_new(&$0, pointer, ref)
            }
        } catch let error as GitError where error.code == .notFound {
            return []
        }
        var result: [(annotated: ObjectID, text: String)] = []
        while true {
            var noteID = git_oid()
            var annotated = git_oid()
            let rc = iterator.use { git_note_next(&noteID, &annotated, $0) }
            if rc == GIT_ITEROVER.rawValue { break }
            try check(rc, context)
            let text = String(decoding: try readBlob(ObjectID(noteID)), as: UTF8.self)
            result.append((ObjectID(annotated), text))
        }
        return result.sorted { $0.annotated < $1.annotated }
    }

    /// The notes one commit of a notes reference holds: annotated object -> note blob entry.
    /// Fan-out directories (`ab/cdef...`, as git writes large notes trees) are read through.
    /// An entry whose path does not spell an object id is not a note (git keeps such
    /// non-note files in a notes tree as they are) and is left out.
    public func noteEntries(ofNotesCommit notesCommit: ObjectID) throws -> [ObjectID: TreeEntry] {
        var result: [ObjectID: TreeEntry] = [:]
        for (path, entry) in try readTree(commit(notesCommit).tree) {
            guard let annotated = ObjectID(hex: String(path.filter { $0 != "/" })) else { continue }
            result[annotated] = entry
        }
        return result
    }
}
