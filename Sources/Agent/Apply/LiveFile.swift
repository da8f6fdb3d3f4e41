import Posix

/// A file as it is under the root, for drift checks.
struct LiveFile {
    var status: FileStatus
    /// Content and blob id of a regular file, or of a symbolic link's target (as git keeps it).
    var content: [UInt8]?
    var blobID: String?

    /// The entry `name` of `directory`; nil when there is none. Regular files are read, and
    /// the targets of symbolic links.
    static func inspect(_ directory: Directory, _ name: String) throws -> LiveFile? {
        guard let status = try directory.status(name) else { return nil }
        let content: [UInt8]?
        switch status.kind {
        case .regular: content = try directory.readFile(name)
        case .symlink: content = try directory.readLink(name)
        case .directory, .other: content = nil
        }
        return LiveFile(status: status, content: content, blobID: content.map(BlobID.of))
    }

    /// True when this is the kind of file a manifest `mode` stands for: a symbolic link for
    /// `ManifestEntry.symlinkMode`, else a regular file.
    func isKind(of mode: UInt32) -> Bool {
        status.kind == (ManifestEntry.isSymlink(mode) ? .symlink : .regular)
    }

    /// The mode a manifest would record for this file: `ManifestEntry.symlinkMode` for a
    /// symbolic link, else its permission bits.
    var manifestMode: UInt32 {
        status.kind == .symlink ? ManifestEntry.symlinkMode : status.mode
    }

    /// True when this is what a put of `blobID` with `mode`, owner and group leaves: a regular
    /// file with that content, mode, owner and group, or (for `ManifestEntry.symlinkMode`) a
    /// symbolic link to that target, whatever its owner.
    func matches(blobID: String, mode: UInt32, owner: String, group: String, accounts: inout Accounts) -> Bool {
        guard isKind(of: mode), self.blobID == blobID else { return false }
        return ManifestEntry.isSymlink(mode)
            || (status.mode == mode && accounts.uid(owner) == status.uid && accounts.gid(group) == status.gid)
    }

    func matches(_ entry: ManifestEntry, accounts: inout Accounts) -> Bool {
        matches(blobID: entry.blobID, mode: entry.mode, owner: entry.owner, group: entry.group, accounts: &accounts)
    }
}
