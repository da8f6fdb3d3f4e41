import CGit2

extension Repository {
    /// Resolves git revision syntax (`HEAD~2`, `main`, `refs/...`, full or abbreviated ids)
    /// to a commit, peeling tags. Throws `.notFound`, `.ambiguous` (a short id matching
    /// several objects) or `.invalid` (bad syntax, or the revision names no commit).
    public func resolve(_ revision: String) throws -> ObjectID {
        let context = "resolving revision '\(revision)'"
        let object = try Owned.make(context, release: git_object_free) {
            git_revparse_single(&$0, pointer, revision)
        }
        let commit = try Owned.make("\(context) to a commit", release: git_object_free) { out in
            object.use { git_object_peel(&out, $0, GIT_OBJECT_COMMIT) }
        }
        return try commit.use { try copyID(git_object_id($0), context) }
    }

    /// The object reference `name` points to, following symbolic references; nil if it
    /// does not exist (or is a branch with no commit yet). Throws `.invalid` for a bad name.
    public func reference(_ name: String) throws -> ObjectID? {
        var oid = git_oid()
        let rc = git_reference_name_to_id(&oid, pointer, name)
        if rc == GIT_ENOTFOUND.rawValue { return nil }
        try check(rc, "reading reference \(name)")
        return ObjectID(oid)
    }

    /// Points reference `name` at `id` with compare-and-swap: only if it points at `expected`
    /// now (nil: only if it does not exist yet), else throws `.refChanged`, also when another
    /// writer holds the reference's lock. A symbolic `name` (`HEAD`) moves the reference it
    /// points to. `message` goes to the reflog, if the repository keeps one.
    public func updateReference(_ name: String, to id: ObjectID, expected: ObjectID?, message: String) throws {
        let target = try directName(of: name)
        var new = id.oid
        do {
            if let expected {
                var current = expected.oid
                _ = try Owned.make("updating reference \(target)", release: git_reference_free) {
                    git_reference_create_matching(&$0, pointer, target, &new, 1, &current, message)
                }
            } else {
                _ = try Owned.make("creating reference \(target)", release: git_reference_free) {
                    git_reference_create(&$0, pointer, target, &new, 0, message)
                }
            }
        } catch var error as GitError
            where [.exists, .notFound, .refChanged].contains(error.code) || error.libgitCode == GIT_ELOCKED.rawValue
        {
            let found = (try? reference(target)).flatMap { $0?.hex } ?? "nothing"
            error.code = .refChanged
            error.message = "reference \(target) moved: expected \(expected?.hex ?? "no reference"), found \(found)"
                + " (\(error.message))"
            throw error
        }
    }

    /// Deletes reference `name` (not what a symbolic one points to). Throws `.notFound` if it
    /// does not exist, `.refChanged` if it moves while being deleted.
    public func deleteReference(_ name: String) throws {
        let context = "deleting reference \(name)"
        let reference = try Owned.make(context, release: git_reference_free) {
            git_reference_lookup(&$0, pointer, name)
        }
        try check(reference.use(git_reference_delete), context)
    }

    /// The references whose names match `glob` (`refs/heads/*`, `refs/confsync/nodes/*`),
    /// sorted by name, with symbolic ones resolved; dangling ones are left out.
    public func references(matching glob: String) throws -> [(name: String, target: ObjectID)] {
        let context = "listing references matching '\(glob)'"
        let iterator = try Owned.make(context, release: git_reference_iterator_free) {
            git_reference_iterator_glob_new(&$0, pointer, glob)
        }
        var result: [(name: String, target: ObjectID)] = []
        while true {
            var out: OpaquePointer?
            let rc = iterator.use { git_reference_next(&out, $0) }
            if rc == GIT_ITEROVER.rawValue { break }
            try check(rc, context)
            guard let raw = out else { continue }
            let reference = Owned(raw, release: git_reference_free)
            let name = reference.use { git_reference_name($0).map { String(cString: $0) } } ?? ""
            if let target = try? self.reference(name) {
                result.append((name, target))
            }
        }
        return result.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
    }

    /// The commit HEAD's branch points to; nil while that branch has no commit.
    public func headCommitID() throws -> ObjectID? {
        try reference("HEAD")
    }

    /// The direct reference `name` ends at after following symbolic references, even if that
    /// one does not exist yet (HEAD on an unborn branch gives `refs/heads/main`).
    private func directName(of name: String) throws -> String {
        var current = name
        for _ in 0..<8 {
            let reference: Owned<OpaquePointer>
            do {
                reference = try Owned.make("reading reference \(current)", release: git_reference_free) {
                    git_reference_lookup(&$0, pointer, current)
                }
            } catch let error as GitError where error.code == .notFound {
                return current
            }
            guard let target = reference.use({ git_reference_symbolic_target($0).map { String(cString: $0) } })
            else { return current }
            current = target
        }
        throw GitError(.invalid, "reading reference \(name): symbolic references nest too deeply")
    }
}
