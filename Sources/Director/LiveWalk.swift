import Dispatch
import Posix
import Synchronization

/// The managed files under the walk roots. The directories are listed level by level, each
/// level's spread over threads; the files come back in the order a one-thread depth-first
/// walk meets them, so neither the result nor the first error depends on the threads.
struct LiveWalk {
    /// `levels[0]` holds the roots' listing; `levels[n + 1]` lists the subdirectories that
    /// `levels[n]` found, in order.
    private var levels: [[DirectoryListing]] = []
    /// Where each listing's first subdirectory is in the next level.
    private var firstChild: [[Int]] = []

    /// Lists everything under `roots` (absolute paths); a level of several directories is
    /// spread over up to `threads` threads (Dispatch runs no more at once than there are cores).
    init(roots: [ManagedPath], lister: DirectoryLister, threads: Int) {
        var level = [lister.listRoots(roots)]
        while true {
            var pending: [PendingDirectory] = []
            var starts: [Int] = []
            starts.reserveCapacity(level.count)
            for listing in level {
                starts.append(pending.count)
                for case .directory(let directory) in listing.items { pending.append(directory) }
            }
            levels.append(level)
            firstChild.append(starts)
            if pending.isEmpty { return }
            level = Self.list(pending, with: lister, threads: threads)
        }
    }

    /// Calls `body` with each file, depth first in `readdir` order, and throws the first error
    /// a one-thread walk would have met (from a listing or from `body`).
    func forEachFile(_ body: (FoundFile) throws -> Void) throws {
        try visit(level: 0, index: 0, body)
    }

    private func visit(level: Int, index: Int, _ body: (FoundFile) throws -> Void) throws {
        let listing = levels[level][index]
        var child = firstChild[level][index]
        for item in listing.items {
            switch item {
            case .file(let file):
                try body(file)
            case .directory:
                try visit(level: level + 1, index: child, body)
                child += 1
            }
        }
        try listing.check()
    }

    /// The listings of `directories`, in the same order. Each thread takes the next directory
    /// not yet taken and keeps its listings until it runs out.
    private static func list(_ directories: [PendingDirectory], with lister: DirectoryLister, threads: Int) -> [DirectoryListing] {
        let workers = min(threads, directories.count)
        guard workers > 1 else { return directories.map(lister.list) }
        let next = Atomic(0)
        let listings = Mutex([DirectoryListing](repeating: DirectoryListing(), count: directories.count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            var done: [(index: Int, listing: DirectoryListing)] = []
            while case let index = next.wrappingAdd(1, ordering: .relaxed).oldValue, index < directories.count {
                done.append((index, lister.list(directories[index])))
            }
            listings.withLock { listings in
                for (index, listing) in done { listings[index] = listing }
            }
        }
        return listings.withLock { $0 }
    }
}
