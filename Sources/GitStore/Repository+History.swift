import CGit2

extension Repository {
    /// Commits reachable from `from`, newest first: no parent before its children, otherwise
    /// by commit time (`git log --date-order`); at most `limit` of them.
    ///
    /// With `path` (a file or a directory), lists only commits whose content at `path`
    /// differs from every parent's, and follows only the first unchanged parent of a merge,
    /// as `git log -- path` does.
    public func log(from: ObjectID, path: String? = nil, limit: Int? = nil) throws -> [Commit] {
        let limit = limit ?? Int.max
        guard limit > 0 else { return [] }
        let walk = try RevisionWalk(self, from: from)
        if let filter = try path.flatMap(Self.filterPath) {
            return try log(walk, from: from, touching: filter, limit: limit)
        }
        var result: [Commit] = []
        while result.count < limit, let id = try walk.next() {
            result.append(try commit(id))
        }
        return result
    }

    /// The commits of `walk` that change `path`, with git's default history simplification:
    /// a commit whose content at `path` equals a parent's is left out, and only that parent's
    /// line of history is followed.
    private func log(_ walk: RevisionWalk, from: ObjectID, touching path: String, limit: Int) throws -> [Commit] {
        var result: [Commit] = []
        var followed: Set<ObjectID> = [from]  // commits reached through simplified history
        var idAtPath: [ObjectID: ObjectID?] = [:]  // commit -> what is at `path` in its tree
        func pathID(of commit: ObjectID) throws -> ObjectID? {
            if let known = idAtPath[commit] { return known }
            let found = try objectID(at: path, inTree: self.commit(commit).tree)
            idAtPath[commit] = .some(found)
            return found
        }
        while result.count < limit, let id = try walk.next() {
            guard followed.contains(id) else { continue }
            let commit = try commit(id)
            let mine = try pathID(of: id)
            var unchangedParent: ObjectID?
            for parent in commit.parents where try pathID(of: parent) == mine {
                unchangedParent = parent
                break
            }
            if let unchangedParent {
                followed.insert(unchangedParent)
            } else {
                followed.formUnion(commit.parents)
                if !commit.parents.isEmpty || mine != nil { result.append(commit) }
            }
        }
        return result
    }

    /// Whether `ancestor` is reachable from `commit` (a commit is its own ancestor, as in
    /// `git merge-base --is-ancestor`).
    public func isAncestor(_ ancestor: ObjectID, of commit: ObjectID) throws -> Bool {
        if ancestor == commit {
            _ = try lookup(commit, as: "commit", git_commit_lookup)
            return true
        }
        var descendant = commit.oid
        var base = ancestor.oid
        let rc = git_graph_descendant_of(pointer, &descendant, &base)
        try check(rc, "checking whether \(ancestor) is an ancestor of \(commit)")
        return rc == 1
    }

    /// The best common ancestor of `a` and `b`; nil if their histories are unrelated.
    public func mergeBase(_ a: ObjectID, _ b: ObjectID) throws -> ObjectID? {
        var out = git_oid()
        var first = a.oid
        var second = b.oid
        let rc = git_merge_base(&out, pointer, &first, &second)
        if rc == GIT_ENOTFOUND.rawValue { return nil }
        try check(rc, "finding the merge base of \(a) and \(b)")
        return ObjectID(out)
    }

    /// `path` without trailing slashes, checked like a tree path; nil for the whole tree.
    private static func filterPath(_ path: String) throws -> String? {
        var trimmed = Substring(path)
        while trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard !trimmed.isEmpty else { return nil }
        _ = try TreePath.components(of: String(trimmed))
        return String(trimmed)
    }
}
