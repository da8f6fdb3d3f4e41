import CGit2

extension Repository {
    /// Reads objects from another object directory too, as git's alternates do. A pre-receive
    /// hook needs this: the pushed objects wait in a quarantine directory until it accepts them.
    public func addAlternateObjectDirectory(_ path: String) throws {
        var odb: OpaquePointer?
        try check(git_repository_odb(&odb, pointer), "opening the object database of \(self.path)")
        guard let odb else { throw GitError(.other, "no object database for \(self.path)") }
        defer { git_odb_free(odb) }
        try check(git_odb_add_disk_alternate(odb, path), "adding object directory \(path)")
    }
}
