import Foundation
import GitStore
import Testing
@testable import Director

/// A scan whose directories are listed on several threads must give exactly what a one-thread
/// scan gives: the same files, changes, cache and first error, whatever the threads did.
@Suite struct ParallelScanTests {
    /// Enough directories for a scan to spread its walk (`LiveScanner.parallelFiles`).
    static let directories = LiveScanner.parallelFiles / 13 + 1

    /// In each directory 8 files, a link, and a subdirectory of 4 files.
    static var files: [String: String] {
        var files: [String: String] = [:]
        for d in 0..<directories {
            for f in 0..<8 { files["/srv/conf/d\(d)/f\(f).conf"] = "file \(d) \(f)\n" }
            for f in 0..<4 { files["/srv/conf/d\(d)/sub/s\(f).conf"] = "sub \(d) \(f)\n" }
        }
        return files
    }

    /// The root with `files`, a link per directory and the cluster file, scanned once so that
    /// the stat cache knows them all.
    func scannedRoot() throws -> LiveRoot {
        let root = try LiveRoot(files: Self.files)
        for d in 0..<Self.directories { try root.symlink("/srv/conf/d\(d)/link", to: "f0.conf") }
        _ = try root.director.snapshotLive()
        return root
    }

    /// A changed file, a new one, a removed one, a new link, a new directory two levels deep,
    /// and an emptied directory. Written files are aged: a racily clean file would be hashed
    /// again by one scan and not by the next, and their caches would differ.
    func edit(_ root: LiveRoot) throws -> [String] {
        for (file, text) in ["/srv/conf/d7/f3.conf": "changed\n", "/srv/conf/d11/sub/new.conf": "new\n", "/srv/conf/d5/deeper/still/x.conf": "x\n"] {
            try root.write(file, text)
            try root.age(file)
        }
        try root.remove("/srv/conf/d9/f7.conf")
        try root.symlink("/srv/conf/d3/sub/link", to: "../f1.conf")
        for f in 0..<4 { try root.remove("/srv/conf/d20/sub/s\(f).conf") }
        return [
            "A /srv/conf/d11/sub/new.conf", "A /srv/conf/d3/sub/link", "A /srv/conf/d5/deeper/still/x.conf",
            "M /srv/conf/d7/f3.conf", "D /srv/conf/d9/f7.conf",
        ] + (0..<4).map { "D /srv/conf/d20/sub/s\($0).conf" }
    }

    func scan(_ root: LiveRoot, threads: Int) throws -> LiveScan {
        let director = root.director
        let scanner = try LiveScanner(
            root: director.root, repository: director.repository, cache: director.loadStatCache(),
            threads: threads)
        let cluster = try director.liveCluster().config
        return try scanner.scanManaged(cluster: cluster, host: director.settings.host, clusterFile: director.settings.clusterFile)
    }

    /// Scans on one thread and on several, expects the same, and gives the changes found.
    func compareScans(_ root: LiveRoot) throws -> [String] {
        let one = try scan(root, threads: 1)
        for threads in [2, 4] {
            let parallel = try scan(root, threads: threads)
            #expect(parallel.tree == one.tree)
            #expect(parallel.changesSincePrevious == one.changesSincePrevious)
            #expect(parallel.cache.entries == one.cache.entries)
            #expect(parallel.cache.userNames == one.cache.userNames)
            #expect(parallel.cache.groupNames == one.cache.groupNames)
            #expect(parallel.cache.snapshotTree == one.cache.snapshotTree)
            #expect(parallel.entriesChanged == one.entriesChanged)
        }
        return one.changesSincePrevious.map { "\($0.kind.rawValue) \($0.path)" }
    }

    @Test func parallelScanMatchesOneThread() throws {
        let root = try scannedRoot()
        try #require(root.director.loadStatCache().entries.count >= LiveScanner.parallelFiles)
        #expect(try compareScans(root) == [])
        let expected = try edit(root)
        #expect(try compareScans(root) == expected.sorted { $0.dropFirst(2) < $1.dropFirst(2) })
        #expect(try scan(root, threads: 2).tree.files.count == Self.files.count + Self.directories + 1 + 3 - 5)
    }

    @Test func parallelWalkMeetsFilesInDepthFirstOrder() throws {
        let root = try LiveRoot(files: Self.files)
        _ = try edit(root)
        let cluster = try root.director.liveCluster().config
        let lister = DirectoryLister(root: root.path, previous: [:]) { cluster.isManaged($0.managed, forHost: "lvs-director1") }
        func paths(threads: Int) throws -> [String] {
            var paths: [String] = []
            let walk = LiveWalk(roots: ["/etc/csync2.cfg", "/srv/conf"], lister: lister, threads: threads)
            try walk.forEachFile { paths.append($0.path.managed) }
            return paths
        }
        let one = try paths(threads: 1)
        #expect(one == ["/etc/csync2.cfg"] + (try depthFirst(root, "/srv/conf")))
        #expect(try paths(threads: 2) == one)
        #expect(try paths(threads: 8) == one)
    }

    /// The files under `path` as a plain recursive `readdir` walk meets them.
    func depthFirst(_ root: LiveRoot, _ path: String) throws -> [String] {
        guard let stream = opendir(root.live(path)) else { throw TestFailure("cannot open \(path)") }
        defer { closedir(stream) }
        var paths: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name == "." || name == ".." { continue }
            if entry.pointee.d_type == DT_DIR {
                paths += try depthFirst(root, path + "/" + name)
            } else {
                paths.append(path + "/" + name)
            }
        }
        return paths
    }
}
