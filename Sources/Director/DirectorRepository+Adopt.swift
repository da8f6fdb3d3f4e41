import GitStore
import Posix

extension DirectorRepository {
    /// A file as found on a node, to adopt into the repository.
    public struct AdoptedFile: Sendable {
        public var path: ManagedPath
        /// The file's content, or a symbolic link's target.
        public var content: [UInt8]
        public var attributes: FileAttributes
        public var isLink: Bool

        public init(path: ManagedPath, content: [UInt8], attributes: FileAttributes, isLink: Bool = false) {
            self.path = path
            self.content = content
            self.attributes = attributes
            self.isLink = isLink
        }
    }

    /// A validated commit that takes a node's drifted content instead of throwing it away,
    /// with the node named in the message. Returns the result and the tree before it.
    public func adopt(_ files: [AdoptedFile], from node: String, author: Signature) throws -> (CommitResult, ManagedTree) {
        let lock = try RepositoryLock(repository: path)
        defer { withExtendedLifetime(lock) {} }
        let before = try tree(of: head())
        var after = before
        for file in files {
            let id = try repository.writeBlob(file.content)
            let mode: FileMode = file.isLink ? .symlink : file.attributes.mode & 0o111 != 0 ? .executable : .blob
            after.files[file.path] = ManagedFile(entry: TreeEntry(id: id, mode: mode), attributes: file.attributes)
        }
        let message = "Adopt drifted \(files.count == 1 ? files[0].path.managed : "files") from \(node)\n\n"
            + files.map { "  \($0.path)" }.joined(separator: "\n") + "\n\nDrift-Adopted-From: \(node)\n"
        return (try commitTree(after, message: message, author: author), before)
    }
}
