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
        let walk = try revisionWalk(from: from)
        let filter = try path.map(normalizedFilterPath).flatMap { $0.isEmpty ? nil : $0 }
        var result: [Commit] = []
        var followed: Set<ObjectID> = [from]
        var idAtPath: [ObjectID: ObjectID?] = [:]  // commit -> what is at `filter` in its tree
        func pathID(_ commit: ObjectID) throws -> ObjectID? {
            if let known = idAtPath[commit] { return known }
            let found = try objectID(at: filter ?? "", inTree: self.commit(commit).tree)
            idAtPath[commit] = .some(found)
            return found
        }
        while result.count < limit, let id = try walk.next() {
            guard filter != nil else {
                result.append(try commit(id))
                continue
            }
            guard followed.contains(id) else { continue }
            let commit = try commit(id)
            let mine = try pathID(id)
            var unchangedParent: ObjectID?
            for parent in commit.parents where try pathID(parent) == mine {
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

    /// A walk over the commits reachable from `from`, children before parents.
    private func revisionWalk(from: ObjectID) throws -> RevisionWalk {
        let context = "walking history from \(from)"
        let walk = try Owned.make(context, release: git_revwalk_free) { git_revwalk_new(&$0, pointer) }
        let order = GIT_SORT_TOPOLOGICAL.rawValue | GIT_SORT_TIME.rawValue
        try check(walk.use { git_revwalk_sorting($0, order) }, context)
        var start = from.oid
        try check(walk.use { git_revwalk_push($0, &start) }, context)
        return RevisionWalk(walk: walk, context: context)
    }

    /// `path` without trailing slashes, checked like a tree path ("" for the whole tree).
    private func normalizedFilterPath(_ path: String) throws -> String {
        var trimmed = Substring(path)
        while trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        if !trimmed.isEmpty { _ = try TreePath.components(of: String(trimmed)) }
        return String(trimmed)
    }
}

/// A libgit2 revision walk handing out commit ids one at a time.
struct RevisionWalk {
    let walk: Owned<OpaquePointer>
    let context: String

    /// The next commit id, nil at the end.
    func next() throws -> ObjectID? {
        var oid = git_oid()
        let rc = walk.use { git_revwalk_next(&oid, $0) }
        if rc == GIT_ITEROVER.rawValue { return nil }
        try check(rc, context)
        return ObjectID(oid)
    }
}
