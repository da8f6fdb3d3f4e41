/// A commit, read from the repository.
public struct Commit: Hashable, Sendable {
    /// The commit's own id.
    public var id: ObjectID
    /// The root tree of the snapshot.
    public var tree: ObjectID
    /// Parent commits, first parent first; empty for a root commit.
    public var parents: [ObjectID]
    /// Who wrote the change.
    public var author: Signature
    /// Who made the commit.
    public var committer: Signature
    /// The full message, as written (leading blank lines dropped).
    public var message: String

    /// The first line of the message.
    public var summary: String {
        String(message.prefix { $0 != "\n" && $0 != "\r\n" })
    }

    public init(
        id: ObjectID, tree: ObjectID, parents: [ObjectID], author: Signature, committer: Signature,
        message: String
    ) {
        self.id = id
        self.tree = tree
        self.parents = parents
        self.author = author
        self.committer = committer
        self.message = message
    }
}
