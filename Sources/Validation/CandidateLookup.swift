import Foundation
import Posix
import SquidConfig

/// Resolves squid `include` patterns and ACL file references: the candidate first, then the
/// live files under the root. Paths handed to the checker are display paths (root + path),
/// so diagnostics name the file the admin edits.
struct CandidateLookup: SquidFileLookup {
    let candidate: any CandidateFiles
    let root: String

    func expand(_ pattern: String) -> [(path: String, text: String)] {
        let absolute = pattern.hasPrefix("/") ? pattern : "/" + pattern
        let inCandidate = candidate.paths.filter { Glob.matches(absolute, $0) }.sorted()
        if !inCandidate.isEmpty {
            return inCandidate.compactMap { path in
                candidate.content(of: path).map { (RootPath.live(path, root: root), String(decoding: $0, as: UTF8.self)) }
            }
        }
        return Glob.expandLive(absolute, root: root).compactMap { live in
            guard let data = FileManager.default.contents(atPath: live) else { return nil }
            return (live, String(decoding: data, as: UTF8.self))
        }
    }

    /// As squid asks: getaddrinfo, with this host's resolver and /etc/hosts.
    func resolves(_ host: String) -> Bool {
        FileSystemLookup().resolves(host)
    }

    /// Whether `directory` holds a file of the candidate or is a directory under the root.
    func directoryExists(_ directory: String) -> Bool {
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        if candidate.paths.contains(where: { $0.hasPrefix(prefix) }) { return true }
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: RootPath.live(directory, root: root), isDirectory: &isDirectory)
            && isDirectory.boolValue
    }

    func exists(_ path: String) -> Bool {
        let absolute = RootPath.strip(path, root: root)
        if candidate.content(of: absolute) != nil { return true }
        return FileManager.default.fileExists(atPath: RootPath.live(absolute, root: root))
    }
}

/// Shell-style matching of absolute paths (`*` and `?` stay within one component).
enum Glob {
    static func matches(_ pattern: String, _ path: String) -> Bool {
        fnmatch(pattern, path, FNM_PATHNAME) == 0
    }

    /// Live files under `root` matching the absolute `pattern`, as display paths, sorted.
    static func expandLive(_ pattern: String, root: String) -> [String] {
        var result = glob_t()
        defer { globfree(&result) }
        guard glob(RootPath.live(pattern, root: root), 0, nil, &result) == 0 else { return [] }
        return (0..<Int(result.gl_pathc)).compactMap { index in
            result.gl_pathv[index].map { String(cString: $0) }
        }.sorted()
    }
}
