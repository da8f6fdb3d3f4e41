import CGit2

/// A libgit2 revision walk over the commits reachable from one commit, children before
/// parents and otherwise newest first, handing out ids one at a time.
struct RevisionWalk {
    private let walk: Owned<OpaquePointer>
    private let context: String

    init(_ repository: Repository, from start: ObjectID) throws {
        context = "walking history from \(start)"
        walk = try Owned.make(context, release: git_revwalk_free) { git_revwalk_new(&$0, repository.pointer) }
        let order = GIT_SORT_TOPOLOGICAL.rawValue | GIT_SORT_TIME.rawValue
        try check(walk.use { git_revwalk_sorting($0, order) }, context)
        var oid = start.oid
        try check(walk.use { git_revwalk_push($0, &oid) }, context)
    }

    /// The next commit id, nil at the end.
    func next() throws -> ObjectID? {
        var oid = git_oid()
        let rc = walk.use { git_revwalk_next(&oid, $0) }
        if rc == GIT_ITEROVER.rawValue { return nil }
        try check(rc, context)
        return ObjectID(oid)
    }
}
