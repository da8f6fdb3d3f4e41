/// A file as it is under the root, for drift checks.
struct LiveFile {
    var status: FileStatus
    /// Content and blob id of a regular file.
    var content: [UInt8]?
    var blobID: String?

    /// The entry `name` of `directory`; nil when there is none. Regular files are read.
    static func inspect(_ directory: Directory, _ name: String) throws -> LiveFile? {
        guard let status = try directory.status(name) else { return nil }
        guard status.kind == .regular, let content = try directory.readFile(name) else {
            return LiveFile(status: status, content: nil, blobID: nil)
        }
        return LiveFile(status: status, content: content, blobID: BlobID.of(content))
    }

    /// True when this is a regular file with `blobID`, `mode` and the named owner and group.
    func matches(blobID: String, mode: UInt32, owner: String, group: String, accounts: inout Accounts) -> Bool {
        status.kind == .regular && self.blobID == blobID && status.mode == mode & 0o7777
            && accounts.uid(owner) == status.uid && accounts.gid(group) == status.gid
    }

    func matches(_ entry: ManifestEntry, accounts: inout Accounts) -> Bool {
        matches(blobID: entry.blobID, mode: entry.mode, owner: entry.owner, group: entry.group, accounts: &accounts)
    }
}
