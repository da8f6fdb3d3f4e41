import CGit2

extension Repository {
    /// The commit `id`. Throws `.notFound` if there is no such commit.
    public func commit(_ id: ObjectID) throws -> Commit {
        let commit = try lookup(id, as: "commit", git_commit_lookup)
        return try commit.use { commit in
            let context = "reading commit \(id)"
            let parents = try (0..<git_commit_parentcount(commit)).map {
                try copyID(git_commit_parent_id(commit, $0), context)
            }
            guard let author = git_commit_author(commit), let committer = git_commit_committer(commit) else {
                throw GitError(.other, "\(context): commit has no author or committer")
            }
            return Commit(
                id: id, tree: try copyID(git_commit_tree_id(commit), context), parents: parents,
                author: Signature(author), committer: Signature(committer),
                message: git_commit_message(commit).map { String(cString: $0) } ?? "")
        }
    }

    /// Writes a commit of `tree` with `parents` and `message` stored as given.
    /// If `ref` is given, moves it to the new commit with compare-and-swap: only if it points
    /// at `expected` now (nil: only if it does not exist yet), else throws `.refChanged`; the
    /// commit object then exists but no reference points at it. A symbolic `ref` (`HEAD`)
    /// moves the branch it points to.
    public func createCommit(
        tree: ObjectID, parents: [ObjectID], author: Signature, committer: Signature,
        message: String, updating ref: String?, expected: ObjectID?
    ) throws -> ObjectID {
        _ = try lookup(tree, as: "tree", git_tree_lookup)
        for parent in parents {
            _ = try lookup(parent, as: "parent commit", git_commit_lookup)
        }
        let authorSignature = try author.owned()
        let committerSignature = try committer.owned()
        var treeOID = tree.oid
        var parentOIDs = parents.map(\.oid)
        var oid = git_oid()
        let rc = authorSignature.use { author in
            committerSignature.use { committer in
                parentOIDs.withUnsafeMutableBufferPointer { buffer in
                    var pointers: [UnsafePointer<git_oid>?] = buffer.indices.map { index in
                        buffer.baseAddress.map { UnsafePointer($0 + index) }
                    }
                    return git_commit_create_from_ids(
                        &oid, pointer, nil, author, committer, nil, message, &treeOID, buffer.count, &pointers)
                }
            }
        }
        try check(rc, "writing commit of tree \(tree)")
        let id = ObjectID(oid)
        if let ref {
            let summary = message.prefix { $0 != "\n" }
            try updateReference(ref, to: id, expected: expected, message: "commit: \(summary)")
        }
        return id
    }
}
