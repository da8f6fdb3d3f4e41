import Director
import GitStore

/// Two mains that diverged: what each side has that the other lacks, and the files both changed.
public struct Divergence: Sendable {
    public var peer: String
    public var ours: Commit
    public var theirs: Commit
    /// The last commit both share; nil for unrelated histories.
    public var base: ObjectID?
    /// Commits only here, newest first (at most 20).
    public var onlyHere: [Commit]
    /// Commits only on the peer, newest first (at most 20).
    public var onlyThere: [Commit]
    /// Files both changed differently since the base.
    public var conflicts: [TreeMerge.Conflict]
    /// How the directors' group settles conflicts.
    public var rule: ConflictRule

    /// Reads both sides from `director`'s repository (the peer's commits already fetched).
    static func read(
        _ director: DirectorRepository, peer: String, ours: ObjectID, theirs: ObjectID, rule: ConflictRule
    ) throws -> Divergence {
        let repository = director.repository
        let base = try repository.mergeBase(ours, theirs)
        let merge = TreeMerge.merge(
            base: try director.tree(of: base.map(repository.commit)),
            ours: try director.tree(of: repository.commit(ours)),
            theirs: try director.tree(of: repository.commit(theirs)))
        return Divergence(
            peer: peer, ours: try repository.commit(ours), theirs: try repository.commit(theirs), base: base,
            onlyHere: try only(ours, notIn: theirs, repository), onlyThere: try only(theirs, notIn: ours, repository),
            conflicts: merge.conflicts, rule: rule)
    }

    private static func only(_ from: ObjectID, notIn other: ObjectID, _ repository: Repository) throws -> [Commit] {
        try CommitCounter.commits(repository, from: from, notIn: other, limit: 20).map(repository.commit)
            .sorted { $0.committer.time > $1.committer.time }
    }

    /// The commits each side lacks, one per line, for an operator choosing a side.
    public var summary: String {
        var lines: [String] = []
        for (side, commits) in [("here", onlyHere), (peer, onlyThere)] {
            for commit in commits {
                lines.append("  \(side): \(commit.id.short) \(commit.summary) (\(commit.author.name))")
            }
        }
        if let base { lines.append("  both since \(base.short)") }
        return lines.joined(separator: "\n")
    }
}
