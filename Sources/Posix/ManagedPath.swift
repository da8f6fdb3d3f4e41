/// A validated absolute path below the root ("/etc/squid3/squid.conf"): its name and its
/// directory, found by the last "/" without splitting the path (an apply makes one per file,
/// several times); the directory's components are split only when asked for (`parent`).
public struct ManagedPath: Hashable, Sendable {
    public let path: String
    /// Where the directory ends (the last "/") and the name starts, in a normalized
    /// spelling of the path: `path` itself unless it had an empty component ("//", a "/"
    /// at its end) or no leading "/".
    private let spelling: String
    private let slash: String.Index
    private let nameStart: String.Index

    public init(_ path: String) {
        self.path = path
        let clean = path.hasPrefix("/") && !path.hasSuffix("/") && !path.contains("//")
        spelling = clean ? path : "/" + path.split(separator: "/").joined(separator: "/")
        let last = spelling.lastIndex(of: "/") ?? spelling.startIndex
        slash = last
        nameStart = spelling.index(after: last)
    }

    public var name: String { String(spelling[nameStart...]) }

    /// The directory's path without its leading "/" ("etc/squid3"; "" for a top-level
    /// file): the key `groupedByDirectory` groups by.
    public var parentKey: Substring {
        let afterRoot = spelling.index(after: spelling.startIndex)
        return spelling[afterRoot..<max(slash, afterRoot)]
    }

    /// The directory's components below the root (["etc", "squid3"]).
    public var parent: [String] { parentKey.split(separator: "/").map(String.init) }

    /// The parent directory as a path ("/etc/squid3"; "/" for a top-level file).
    public var parentPath: String { "/" + parentKey }
}
