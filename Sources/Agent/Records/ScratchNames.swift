/// Names of the engine's files next to managed files. Managed paths may not use them.
enum ScratchNames {
    static let prefix = ".confsync-"
    static let tempPrefix = ".confsync-tmp-"
    static let oldPrefix = ".confsync-old-"

    /// The staged new version of change `index`, next to its target.
    static func temp(_ deployID: String, _ index: Int) -> String {
        "\(tempPrefix)\(deployID)-\(index)"
    }

    /// The kept old version of change `index`, next to its target.
    static func old(_ deployID: String, _ index: Int) -> String {
        "\(oldPrefix)\(deployID)-\(index)"
    }

    /// True for a name the engine creates next to managed files.
    static func isScratch(_ name: String) -> Bool {
        name.hasPrefix(tempPrefix) || name.hasPrefix(oldPrefix)
    }
}

/// A validated absolute path below the root ("/etc/squid3/squid.conf"): its name and its
/// directory, found by the last "/" without splitting the path (an apply makes one per file,
/// several times); the directory's components are split only when asked for (`parent`).
struct ManagedPath: Hashable {
    let path: String
    /// Where the directory ends (the last "/") and the name starts, in a normalized
    /// spelling of the path: `path` itself unless it had an empty component ("//", a "/"
    /// at its end) or no leading "/".
    private let spelling: String
    private let slash: String.Index
    private let nameStart: String.Index

    init(_ path: String) {
        self.path = path
        let clean = path.hasPrefix("/") && !path.hasSuffix("/") && !path.contains("//")
        spelling = clean ? path : "/" + path.split(separator: "/").joined(separator: "/")
        let last = spelling.lastIndex(of: "/") ?? spelling.startIndex
        slash = last
        nameStart = spelling.index(after: last)
    }

    var name: String { String(spelling[nameStart...]) }

    /// The directory's path without its leading "/" ("etc/squid3"; "" for a top-level
    /// file): the key `groupedByDirectory` groups by.
    var parentKey: Substring {
        let afterRoot = spelling.index(after: spelling.startIndex)
        return spelling[afterRoot..<max(slash, afterRoot)]
    }

    /// The directory's components below the root (["etc", "squid3"]).
    var parent: [String] { parentKey.split(separator: "/").map(String.init) }

    /// The parent directory as a path ("/etc/squid3"; "/" for a top-level file).
    var parentPath: String { "/" + parentKey }
}
