/// The files a validation sees: the candidate tree of a commit (or the live files), keyed by
/// absolute path ("/etc/squid3/squid.conf"). Files a checker looks up (squid `include`, ACL
/// files) are found here first, so a commit that changes two files together is checked as a whole.
public protocol CandidateFiles: Sendable {
    /// Every path in the candidate, absolute, in no particular order (users sort what they
    /// keep: a one-file commit to a 10,000-file tree keeps a few).
    var paths: [String] { get }
    /// The content of `path`, or nil if the candidate has no such file.
    func content(of path: String) -> [UInt8]?
}

/// Candidate files held in memory.
public struct InMemoryCandidate: CandidateFiles {
    public var files: [String: [UInt8]]

    public init(_ files: [String: [UInt8]]) {
        self.files = files
    }

    public var paths: [String] { files.keys.sorted() }

    public func content(of path: String) -> [UInt8]? { files[path] }
}
