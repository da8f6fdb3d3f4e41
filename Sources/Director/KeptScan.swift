import Posix

/// What a process that stays up (the director service) keeps between scans of the live
/// files, so that a scan looks only at the paths that may have changed: the stat cache its
/// last scan ended with, in memory (the file on disk may have been written since by another
/// process's scan of another moment), and what that scan's managed set was.
///
/// The caller vouches for `changed` in `DirectorRepository.commit(…, kept:, changed:)`: every
/// managed path that may have changed since the kept scan began (its inotify watch). A file
/// or link among them is looked at again; a directory (the root "/" too), with everything
/// below it. Every
/// other file is taken from the kept cache without a stat, except those the cache cannot
/// vouch for (racily clean). A different managed set (the cluster file changed what is
/// managed) makes a whole scan.
public final class KeptScan: @unchecked Sendable {
    var cache: StatCache?
    /// The files that scan found (its tree), and those of them its cache holds as racily clean.
    var files: [ManagedPath: ManagedFile]?
    var racy: Set<ManagedPath> = []
    var managedSet: String?
    /// Files too large to deploy: looked at every time, so that the scan refuses them as a
    /// whole one does.
    var oversized: Set<ManagedPath> = []

    public init() {}

    /// Forgets the kept cache: the next scan is a whole one.
    public func forget() {
        cache = nil
        files = nil
        racy = []
        managedSet = nil
        oversized = []
    }

    /// The kept cache and files, taken out (so that the scan changes them in place); a scan
    /// that fails leaves nothing kept, and the next one is whole.
    func take() -> (cache: StatCache, files: [ManagedPath: ManagedFile])? {
        guard let cache, let files else { return nil }
        self.cache = nil
        self.files = nil
        return (cache, files)
    }

    /// Whether a scan with `changed` can start from the kept cache.
    public var isReady: Bool { cache != nil && files != nil }
}
