import Foundation
import GitStore
import Testing
@testable import Director

/// A scan whose directories are listed on several threads must give exactly what a one-thread
/// scan gives: the same files, changes, cache and first error, whatever the threads did.
@Suite struct ParallelScanTests {
    /// 24 directories of 10 files, each with a subdirectory of 5, and a link per directory.
    static var files: [String: String] {
        var files: [String: String] = [:]
        for d in 0..<24 {
            for f in 0..<10 { files["/srv/conf/d\(d)/f\(f).conf"] = "file \(d) \(f)\n" }
            for f in 0..<5 { files["/srv/conf/d\(d)/sub/s\(f).conf"] = "sub \(d) \(f)\n" }
        }
        return files
    }

    enum Edit: String, CaseIterable, Sendable {
        case none, modify, add, remove, newLink, newDirectory, emptiedDirectory
    }

    /// A root committed with `files` and a link per directory, then edited as `edit` says.
    func editedRoot(_ edit: Edit) throws -> LiveRoot {
        let root = try LiveRoot(files: Self.files)
        for d in 0..<24 { try root.symlink("/srv/conf/d\(d)/link", to: "f0.conf") }
        try root.commit("first")
        // Written files are aged: a racily clean one would make two scans' caches differ.
        func write(_ file: String, _ text: String) throws {
            try root.write(file, text)
            try root.age(file)
        }
        switch edit {
        case .none: break
        case .modify: try write("/srv/conf/d7/f3.conf", "changed\n")
        case .add: try write("/srv/conf/d11/sub/new.conf", "new\n")
        case .remove: try root.remove("/srv/conf/d19/f9.conf")
        case .newLink: try root.symlink("/srv/conf/d3/sub/link", to: "../f1.conf")
        case .newDirectory: try write("/srv/conf/d5/deeper/still/x.conf", "x\n")
        case .emptiedDirectory:
            for f in 0..<5 { try root.remove("/srv/conf/d23/sub/s\(f).conf") }
        }
        return root
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

    func scan(_ root: LiveRoot, threads: Int) throws -> LiveScan {
        let director = root.director
        let scanner = LiveScanner(
            root: director.root, repository: director.repository, cache: StatCache.load(repository: director.path),
            threads: threads)
        let cluster = try director.liveCluster().config
        return try scanner.scanManaged(cluster: cluster, host: director.settings.host, clusterFile: director.settings.clusterFile)
    }

    @Test(arguments: Edit.allCases)
    func parallelScanMatchesOneThread(_ edit: Edit) throws {
        let root = try editedRoot(edit)
        let one = try scan(root, threads: 1)
        let expected: [Edit: [String]] = [
            .none: [], .modify: ["M /srv/conf/d7/f3.conf"], .add: ["A /srv/conf/d11/sub/new.conf"],
            .remove: ["D /srv/conf/d19/f9.conf"], .newLink: ["A /srv/conf/d3/sub/link"],
            .newDirectory: ["A /srv/conf/d5/deeper/still/x.conf"],
            .emptiedDirectory: (0..<5).map { "D /srv/conf/d23/sub/s\($0).conf" },
        ]
        let kinds = one.changesSincePrevious.map { "\($0.kind.rawValue) \($0.path)" }
        #expect(kinds == expected[edit])
        let added = kinds.filter { $0.hasPrefix("A") }.count, removed = kinds.filter { $0.hasPrefix("D") }.count
        #expect(one.tree.files.count == 24 * 16 + 1 + added - removed)
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
    }

    @Test func parallelWalkMeetsFilesInDepthFirstOrder() throws {
        let root = try editedRoot(.newDirectory)
        let cluster = try root.director.liveCluster().config
        let lister = DirectoryLister(root: root.path, previous: [:]) { cluster.isManaged($0, forHost: "lvs-director1") }
        func paths(threads: Int) throws -> [String] {
            var paths: [String] = []
            try LiveWalk(roots: ["/etc/csync2.cfg", "/srv/conf"], lister: lister, threads: threads).forEachFile { paths.append($0.path) }
            return paths
        }
        let one = try paths(threads: 1)
        #expect(one == ["/etc/csync2.cfg"] + (try depthFirst(root, "/srv/conf")))
        #expect(one.count == 24 * 16 + 2)
        #expect(try paths(threads: 2) == one)
        #expect(try paths(threads: 8) == one)
    }
}
