/// A managed file's path, the one type for it on both sides: its managed form, absolute
/// below the root ("/etc/squid3/squid.conf", what the cluster file, the wire, the screen and
/// the deploy records say), its tree form (the same without the leading "/",
/// "etc/squid3/squid.conf", what the git tree holds) and its live form (under a root,
/// `live(root:)`, through `RootPath.live`, the one root-prefix function).
///
/// One type rather than a director-side one beside the agent's: both sides mean the same
/// path, and the name and directory the agent's apply needs are cheap to keep next to it.
/// They are found by the last "/" without splitting the path (an apply makes one per file,
/// several times); the directory's components are split only when asked for (`parent`).
///
/// `init(managed:)` and `init(tree:)` check the path (see `problem(_:)`); `init(unchecked:)`
/// takes it as given, for the agent's apply, which refuses a bad path by its own stricter
/// rules before it makes one. Equal, hashed and ordered by the managed form (the order of
/// the plain strings: "/etc/a" < "/etc/a-b" < "/etc/a/x", the tree forms' order too).
public struct ManagedPath: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// "/etc/squid3/squid.conf".
    public let managed: String
    /// Where the directory ends (the last "/") and the name starts, in a normalized
    /// spelling of the path: `managed` itself unless it had an empty component ("//", a "/"
    /// at its end) or no leading "/" (possible only through `init(unchecked:)`).
    private let spelling: String
    private let slash: String.Index
    private let nameStart: String.Index

    /// The managed path `path` as given, unchecked: for the agent's apply, whose own rules
    /// refused a bad path before. A path that is not normalized is split as if it were
    /// (empty components ignored, a leading "/" assumed).
    public init(unchecked path: String) {
        managed = path
        if let last = Self.lastSlash(ofCleanASCII: path) {
            spelling = path
            slash = last
            nameStart = path.index(after: last)
            return
        }
        let clean = path.hasPrefix("/") && !path.hasSuffix("/") && !path.contains("//")
        spelling = clean ? path : "/" + path.split(separator: "/").joined(separator: "/")
        let last = spelling.lastIndex(of: "/") ?? spelling.startIndex
        slash = last
        nameStart = spelling.index(after: last)
    }

    /// The usual path's last "/", found in one pass over its bytes: for an ASCII path, what
    /// the checks by `Character` above find (a scan makes one path per file, 10,000 a commit).
    /// Nil unless `path` is ASCII, starts with "/", and has no "//" and no "/" at its end.
    private static func lastSlash(ofCleanASCII path: String) -> String.Index? {
        let bytes = path.utf8
        let slash = UInt8(ascii: "/")
        guard bytes.first == slash, bytes.last != slash else { return nil }
        var last = bytes.startIndex
        var previous: UInt8 = 0
        for index in bytes.indices {
            let byte = bytes[index]
            if byte >= 0x80 || (byte == slash && previous == slash) { return nil }
            if byte == slash { last = index }
            previous = byte
        }
        return last
    }

    /// The managed path `path` ("/etc/squid3/squid.conf"); throws `PosixError` (`.invalid`)
    /// saying why when it is not one (see `problem(_:)`).
    public init(managed path: String) throws {
        if let problem = Self.problem(path) {
            throw PosixError(.invalid, operation: "managed path", path: path, message: "invalid managed path '\(path)': \(problem)")
        }
        self.init(unchecked: path)
    }

    /// The managed path whose tree form is `path` ("etc/squid3/squid.conf" from a git tree);
    /// throws `PosixError` (`.invalid`) saying why when `path` is not one.
    public init(tree path: String) throws {
        let managed = "/" + path
        if path.hasPrefix("/") || path.isEmpty {
            throw PosixError(
                .invalid, operation: "tree path", path: path,
                message: "invalid tree path '\(path)': \(path.isEmpty ? "is empty" : "is absolute")")
        }
        if let problem = Self.problem(managed) {
            throw PosixError(.invalid, operation: "tree path", path: path, message: "invalid tree path '\(path)': \(problem)")
        }
        self.init(unchecked: managed)
    }

    /// Why `path` is not a managed path, or nil: it must be absolute, not the root itself,
    /// without NUL, and normalized (no empty, "." or ".." component).
    public static func problem(_ path: String) -> String? {
        if path.utf8.contains(0) { return "contains a NUL byte" }
        guard path.hasPrefix("/") else { return "is not absolute" }
        guard path != "/" else { return "is the root directory" }
        for component in path.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).dropFirst() {
            if component.isEmpty { return "has an empty component ('//' or a trailing '/')" }
            if component.elementsEqual(".".utf8) || component.elementsEqual("..".utf8) {
                return "has a '\(String(decoding: component, as: UTF8.self))' component"
            }
        }
        return nil
    }

    /// "etc/squid3/squid.conf": the managed form without its leading "/".
    public var tree: String { String(spelling.dropFirst()) }

    /// The live path under `root` ("/srv/n1/etc/squid3/squid.conf"; under "/" the managed form).
    public func live(root: String) -> String { RootPath.live(managed, root: root) }

    /// The managed form.
    public var description: String { managed }

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

    /// Whether this path is strictly below `directory` ("/etc/squid3/squid.conf" is below
    /// "/etc" and below "/", not below "/etc/squid" nor itself), by the managed forms.
    public func isBelow(_ directory: ManagedPath) -> Bool {
        self != directory && managed.hasPrefix(directory.managed == "/" ? "/" : directory.managed + "/")
    }

    public static func == (lhs: ManagedPath, rhs: ManagedPath) -> Bool { lhs.managed == rhs.managed }

    public func hash(into hasher: inout Hasher) { hasher.combine(managed) }

    public static func < (lhs: ManagedPath, rhs: ManagedPath) -> Bool { lhs.managed < rhs.managed }
}
