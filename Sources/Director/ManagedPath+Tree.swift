import GitStore
import Posix

extension ManagedPath {
    /// The managed path of tree path `path` as read from git tree `tree`; a path that is not
    /// one (git writes none, a hand-made tree could) is `.invalid`, naming the tree.
    static func read(tree path: String, in tree: ObjectID) throws -> ManagedPath {
        do {
            return try ManagedPath(tree: path)
        } catch let error as PosixError {
            throw DirectorError(.invalid, "tree \(tree.hex): \(error.message)")
        }
    }
}
