/// A csync2 path pattern (`include`, `exclude`, action `pattern`, confsync `check`),
/// compiled once and matched the way csync2's `match_pattern_list` calls fnmatch(3):
///
/// - A pattern starting with `/` (or `%prefix%`) is a *path* pattern, matched against the
///   whole path with FNM_LEADING_DIR, so a directory matches everything under it, and with
///   FNM_PATHNAME, so `*`, `?` and `[...]` do not match `/` — unless the pattern contains
///   `**` anywhere, in which case every wildcard of it matches `/` too.
/// - Any other pattern is a *basename* pattern, matched against the last path component
///   with no flags (`*.conf`, `*~`, `.*`).
///
/// Action patterns (`Matching.wholePath`) are always path patterns. See docs/cluster-file.md.
public struct PathPattern: Sendable, Hashable, CustomStringConvertible {
    /// The pattern as written (after csync2's stripping of trailing slashes, where it applies).
    public let text: String
    /// True for a basename pattern (neither `/` nor `%` first).
    public let isBasename: Bool
    /// How this pattern is applied.
    public let matching: Matching
    private let glob: Glob

    /// How a pattern is applied to a path.
    public enum Matching: Sendable, Hashable {
        /// `include`/`exclude` (and confsync `check`): a path pattern when it starts with `/`
        /// or `%`, a basename pattern otherwise.
        case pathOrBasename
        /// Action `pattern`: always matched against the whole path (csync2's
        /// `csync_schedule_commands`), so `*.conf` there matches nothing.
        case wholePath
    }

    /// Compiles `text`; never fails (malformed brackets are literals, as in fnmatch).
    public init(_ text: String, matching: Matching = .pathOrBasename) {
        self.text = text
        self.matching = matching
        let bytes = Array(text.utf8)
        isBasename = matching == .pathOrBasename && !(text.hasPrefix("/") || text.hasPrefix("%"))
        if isBasename {
            glob = Glob(bytes, pathname: false, leadingDir: false)
        } else {
            glob = Glob(bytes, pathname: !text.contains("**"), leadingDir: true)
        }
    }

    /// The prefix name of a `%name%...` pattern, or nil.
    public var prefixName: String? {
        guard text.hasPrefix("%") else { return nil }
        let rest = text.dropFirst()
        return String(rest.prefix { $0 != "%" })
    }

    /// Does this pattern match the absolute path `path`?
    public func matches(_ path: String) -> Bool {
        var path = path
        return path.withUTF8 { bytes in
            isBasename ? matchesBasename(of: bytes) : glob.matches(bytes)
        }
    }

    /// Matches a whole path (path patterns only).
    func matchesPath(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        glob.matches(bytes)
    }

    /// Matches the last component of `bytes` (basename patterns only).
    func matchesBasename(of bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var start = bytes.count
        while start > 0 && bytes[start - 1] != GlobElement.slash { start -= 1 }
        return glob.matches(UnsafeBufferPointer(rebasing: bytes[start...]))
    }

    /// The directory to walk to find what this pattern matches: the literal part before the
    /// first wildcard, cut back to its last `/` (the whole unescaped pattern when it has no
    /// wildcard: a file or a directory). Empty for basename patterns.
    public var staticPrefix: String {
        guard !isBasename else { return "" }
        var literal: [UInt8] = []
        var lastSlash: Int?
        var bytes = Array(text.utf8)[...]
        while let byte = bytes.popFirst() {
            switch byte {
            case UInt8(ascii: "*"), UInt8(ascii: "?"), UInt8(ascii: "["):
                let cut = lastSlash.map { max($0, 1) } ?? 0
                return String(decoding: literal[..<cut], as: UTF8.self)
            case UInt8(ascii: "\\"):
                literal.append(bytes.popFirst() ?? byte)
            default:
                if byte == GlobElement.slash { lastSlash = literal.count }
                literal.append(byte)
            }
        }
        return String(decoding: literal, as: UTF8.self)
    }

    /// This pattern with its leading `%name%` replaced by `path`, taken literally (csync2
    /// matches the encoded name `%name%/rest`, so wildcards in the path never applied).
    func substitutingPrefix(with path: String) -> PathPattern {
        guard let name = prefixName else { return self }
        var rest = text.dropFirst(name.count + 1)
        if rest.hasPrefix("%") { rest = rest.dropFirst() }
        var escaped = ""
        for character in path {
            if "*?[\\".contains(character) { escaped.append("\\") }
            escaped.append(character)
        }
        return PathPattern(escaped + rest, matching: matching)
    }

    public var description: String { text }

    public static func == (lhs: PathPattern, rhs: PathPattern) -> Bool {
        lhs.text == rhs.text && lhs.matching == rhs.matching
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(text)
        hasher.combine(matching)
    }
}
