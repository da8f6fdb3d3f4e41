/// One line of a file with the commit that last changed it.
public struct BlameLine: Hashable, Sendable {
    /// The 1-based line number in the blamed version.
    public var line: Int
    /// The commit that introduced the line as it is.
    public var commit: ObjectID
    /// That commit's author.
    public var author: Signature
    /// The line's text, without its line ending.
    public var text: String

    public init(line: Int, commit: ObjectID, author: Signature, text: String) {
        self.line = line
        self.commit = commit
        self.author = author
        self.text = text
    }
}
